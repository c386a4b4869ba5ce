import Cases
import Foundation

/// The pages' words in every language, from Catalogs/LANG.json. Every catalogue must hold
/// exactly the keys of the English one, each with the same `{placeholders}`: a missing or
/// misspelt translation stops the server at start, not a reader later. The numbers in the words
/// — days, files, megabytes — are filled in from the procedure and the limits, never written
/// into a catalogue.
struct Catalog: Sendable {
    private let texts: [Language: [String: String]]

    init() throws {
        var texts: [Language: [String: String]] = [:]
        for language in Language.allCases {
            guard let url = Bundle.module.url(forResource: language.rawValue, withExtension: "json", subdirectory: "Catalogs") else {
                throw CatalogError(description: "no catalogue for \(language.rawValue)")
            }
            texts[language] = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: url))
        }
        try Self.check(texts)
        self.texts = texts
    }

    /// Refuses catalogues that miss a key of the English one, add one it lacks, or drop or add
    /// a placeholder.
    static func check(_ texts: [Language: [String: String]]) throws {
        let english = texts[.en] ?? [:]
        for (language, catalogue) in texts.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let missing = Set(english.keys).subtracting(catalogue.keys)
            guard missing.isEmpty else { throw CatalogError(description: "the \(language.rawValue) catalogue lacks \(missing.sorted().joined(separator: ", "))") }
            let unknown = Set(catalogue.keys).subtracting(english.keys)
            guard unknown.isEmpty else { throw CatalogError(description: "the \(language.rawValue) catalogue has unknown keys \(unknown.sorted().joined(separator: ", "))") }
            for (key, text) in catalogue.sorted(by: { $0.key < $1.key }) where placeholders(text) != placeholders(english[key]!) {
                throw CatalogError(description: "the \(language.rawValue) text of \(key) has the placeholders \(placeholders(text).sorted()), "
                                   + "not \(placeholders(english[key]!).sorted())")
            }
        }
    }

    static func placeholders(_ text: String) -> Set<String> {
        Set(text.matches(of: /\{([a-z_]+)\}/).map { String($0.1) })
    }

    /// The text for `key` in `language`, its placeholders filled from `values`; for an id the
    /// catalogue does not know (a category a changed procedure added), `fallback`.
    func text(_ key: String, _ language: Language, fallback: String? = nil, values: [String: String] = [:]) -> String {
        var text = texts[language]?[key] ?? fallback ?? texts[.en]?[key] ?? key
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    /// A duration as it reads after "within" in `language`: "7 days", "в течение 24 часов".
    func within(_ duration: PolicyDuration, _ language: Language) -> String {
        text("within.\(duration.unit.rawValue).\(language.pluralCategory(duration.value))", language, values: ["count": String(duration.value)])
    }
}
