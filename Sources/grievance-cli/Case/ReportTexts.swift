import Foundation

/// The texts of a report read from standard input as one JSON object (`case open
/// --texts-from-stdin`), so that names, contacts and what happened never stand on a command
/// line, in the shell's history or in /proc. The field names are the JSON API's.
struct ReportTexts: Decodable {
    var description, occurred, location, respondent, witnesses, reporterName, reporterContact: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case description, occurred, location, respondent, witnesses
        case reporterName = "reporter_name", reporterContact = "reporter_contact"
    }

    init() {}

    static func read() throws -> ReportTexts {
        try ShellContext.refuseStandardInput(for: "texts", option: "their options (--description, --reporter-name, …)")
        let data = FileHandle.standardInput.readDataToEndOfFile()
        if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            let unknown = Set(object.keys).subtracting(CodingKeys.allCases.map(\.rawValue))
            guard unknown.isEmpty else {
                throw CLIFailure(.unusable, message: "standard input names fields this command does not take: \(unknown.sorted().joined(separator: ", "))",
                                 hint: "use " + CodingKeys.allCases.map(\.rawValue).joined(separator: ", "))
            }
        }
        do {
            return try JSONDecoder().decode(ReportTexts.self, from: data)
        } catch {
            throw CLIFailure(.unusable, message: "standard input is not a JSON object of texts",
                             hint: #"e.g. {"description": "…", "reporter_name": "…", "reporter_contact": "…"}"#)
        }
    }
}
