import Cases
import Foundation

/// A report as a client sent it, before Cases checks it: from the JSON API or from the form,
/// each field under the API's name. Type mistakes are found here, field by field; everything
/// else (lengths, categories, events) Cases decides.
struct ComplaintSubmission: Sendable {
    static let textFields = ["description", "occurred", "location", "respondent", "witnesses", "reporter_name", "reporter_contact",
                             "gender", "language", "category", "event", "respondent_role", "region"]
    static let fields = Set(textFields + ["contact_consent", "exclude_handlers", "urgent"])

    var texts: [String: String] = [:]
    var contactConsent: [String: Bool] = [:]
    var excludeHandlers: [String] = []
    var urgent = false
    /// Type mistakes found while reading, reported with the others by `intake()`.
    private var typeProblems: [FieldProblem] = []

    /// Reads a JSON object, noting unknown fields and wrong types with a message for each.
    init(json object: [String: JSONValue]) {
        var problems: [FieldProblem] = []
        for (key, value) in object.sorted(by: { $0.key < $1.key }) {
            switch (key, value) {
            case _ where !Self.fields.contains(key):
                problems.append(FieldProblem(key, .notAField))
            case (_, .null):
                continue
            case ("contact_consent", .object(let consent)):
                var parsed: [String: Bool] = [:]
                for (channel, given) in consent {
                    guard case .bool(let yes) = given else {
                        problems.append(FieldProblem(key, .mustBeConsent))
                        break
                    }
                    parsed[channel] = yes
                }
                contactConsent = parsed
            case ("contact_consent", _):
                problems.append(FieldProblem(key, .mustBeConsent))
            case ("exclude_handlers", .array(let ids)):
                let strings = ids.compactMap { id -> String? in if case .string(let text) = id { text } else { nil } }
                guard strings.count == ids.count else {
                    problems.append(FieldProblem(key, .mustBeList))
                    continue
                }
                excludeHandlers = strings
            case ("exclude_handlers", _):
                problems.append(FieldProblem(key, .mustBeList))
            case ("urgent", .bool(let flag)):
                urgent = flag
            case ("urgent", _):
                problems.append(FieldProblem(key, .mustBeBoolean))
            case (_, .string(let text)):
                texts[key] = text
            default:
                problems.append(FieldProblem(key, .mustBeText))
            }
        }
        typeProblems = problems
    }

    /// Reads a submitted form: the same names; checkboxes `consent_<channel>`, `urgent` and one
    /// `exclude_handlers` per person ticked.
    init(form: [(name: String, value: String)]) {
        for (name, value) in form {
            if Self.textFields.contains(name) {
                if !value.isEmpty { texts[name] = value }
            } else if name == "exclude_handlers" {
                excludeHandlers.append(value)
            } else if name == "urgent" {
                urgent = value == "on" || value == "true"
            } else if name.hasPrefix("consent_"), name.count > 8 {
                contactConsent[String(name.dropFirst(8))] = true
            }
        }
    }

    /// The intake Cases files, after the checks only the client's words can fail.
    func intake() throws(APIError) -> Intake {
        var problems = typeProblems
        let mistyped = Set(problems.map(\.field))
        if texts["category"] == nil, !mistyped.contains("category") { problems.append(FieldProblem("category", .required)) }
        if texts["description"].map(IntakeLimits.isBlank) ?? true, !mistyped.contains("description") {
            problems.append(FieldProblem("description", .required))
        }
        let respondentRole = texts["respondent_role"].flatMap { text -> RespondentRole? in
            guard let role = RespondentRole(rawValue: text) else {
                problems.append(FieldProblem("respondent_role", .chooseOne(RespondentRole.allCases.map(\.rawValue))))
                return nil
            }
            return role
        }
        let region = texts["region"].flatMap { text -> Region? in
            guard let region = Region(rawValue: text) else {
                problems.append(FieldProblem("region", .chooseOne(Region.allCases.map(\.rawValue))))
                return nil
            }
            return region
        }
        let gender = texts["gender"].flatMap { text -> ReporterGender? in
            guard let gender = ReporterGender(rawValue: text) else {
                problems.append(FieldProblem("gender", .chooseOne(ReporterGender.allCases.map(\.rawValue))))
                return nil
            }
            return gender
        }
        if let language = texts["language"], !IntakeLimits.languages.contains(language) {
            problems.append(FieldProblem("language", .chooseOne(IntakeLimits.languages)))
        }
        guard problems.isEmpty else { throw .invalid(problems) }
        return Intake(
            category: texts["category"] ?? "", event: texts["event"], respondentRole: respondentRole, region: region,
            language: texts["language"], urgent: urgent, reporterGender: gender, excludeHandlers: excludeHandlers,
            content: ComplaintContent(
                description: texts["description"] ?? "", occurred: texts["occurred"], location: texts["location"],
                respondent: texts["respondent"], witnesses: texts["witnesses"], reporterName: texts["reporter_name"],
                reporterContact: texts["reporter_contact"], contactConsent: contactConsent))
    }
}
