import Foundation
import Languages

/// The Code of Conduct texts from policies/, rendered once at start as HTML fragments.
struct CodeOfConduct: Sendable {
    private let html: [Language: String]

    init(directory: URL) throws {
        var html: [Language: String] = [:]
        for language in Language.allCases {
            let url = directory.appendingPathComponent("code-of-conduct.\(language.rawValue).md")
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            html[language] = Self.render(text)
        }
        guard html[.en] != nil else {
            throw CatalogError(description: "no Code of Conduct at \(directory.appendingPathComponent("code-of-conduct.en.md").path)")
        }
        self.html = html
    }

    /// The text in `language`, or the English one marked as English (so that a screen reader
    /// reads it as such and it runs left to right on a right-to-left page).
    func html(_ language: Language) -> String {
        if let text = html[language] { return text }
        return "<div lang=\"en\" dir=\"ltr\">\(html[.en]!)</div>"
    }

    /// Headings, list items and paragraphs; everything escaped.
    static func render(_ text: String) -> String {
        var out = ""
        var inList = false
        for block in text.components(separatedBy: "\n\n") {
            for line in block.split(separator: "\n") {
                let line = line.trimmingCharacters(in: .whitespaces)
                if line.hasPrefix("- ") {
                    if !inList { out += "<ul>"; inList = true }
                    out += "<li>\(HTML.escape(String(line.dropFirst(2))))</li>"
                    continue
                }
                if inList { out += "</ul>"; inList = false }
                if line.hasPrefix("# ") {
                    out += "<h3>\(HTML.escape(String(line.dropFirst(2))))</h3>"
                } else if !line.isEmpty {
                    out += "<p>\(HTML.escape(line))</p>"
                }
            }
            if inList { out += "</ul>"; inList = false }
        }
        return out
    }
}
