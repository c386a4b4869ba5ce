import Foundation

/// A summary's words in one language, from Catalogs/LANG.json. Each catalogue must hold exactly
/// the English one's keys, each with the same `{placeholders}`, and is checked against it when
/// loaded: a translation that drifted stops the rendering rather than printing a key or a
/// half-filled sentence in front of a committee. The threshold and every count are filled in
/// from the document, never written into a catalogue: a procedure may change them.
public struct SummaryCatalog: Sendable {
    public static let languages = ["en", "ru", "es", "fr"]

    public let language: String
    private let texts: [String: String]

    public init(language: String) throws(SummaryCatalogError) {
        guard Self.languages.contains(language) else { throw .unknownLanguage(language) }
        let english = try Self.load("en")
        let texts = language == "en" ? english : try Self.load(language)
        try Self.check(texts, language: language, against: english)
        self.language = language
        self.texts = texts
    }

    /// The text every catalogue must hold for `key`, its placeholders filled from `values`.
    public func text(_ key: String, _ values: [String: String] = [:]) throws(SummaryCatalogError) -> String {
        guard let text = texts[key] else { throw .missingKey(key, language: language) }
        return Self.fill(text, values)
    }

    /// How a row or column value reads. Ids only a data directory knows — an event's slug, a
    /// category a changed procedure added — have no entry and read as themselves.
    public func label(_ id: String, in dimension: Dimension) -> String {
        texts[id == Dimension.none ? "value.none" : "value.\(dimension.rawValue).\(id)"] ?? id
    }

    /// A table's heading; a table a later version adds reads as its name until translated.
    public func tableName(_ name: String) -> String { texts["table.\(name)"] ?? name }

    static func load(_ language: String) throws(SummaryCatalogError) -> [String: String] {
        guard let url = Bundle.module.url(forResource: language, withExtension: "json", subdirectory: "Catalogs") else {
            throw .unreadable(language: language, why: "it is not in the program's resources")
        }
        do {
            return try JSONDecoder().decode([String: String].self, from: Data(contentsOf: url))
        } catch {
            throw .unreadable(language: language, why: "\(error)")
        }
    }

    static func check(_ texts: [String: String], language: String, against english: [String: String]) throws(SummaryCatalogError) {
        if let missing = Set(english.keys).subtracting(texts.keys).min() { throw .missingKey(missing, language: language) }
        if let unknown = Set(texts.keys).subtracting(english.keys).min() { throw .unknownKey(unknown, language: language) }
        for key in english.keys.sorted() where placeholders(texts[key]!) != placeholders(english[key]!) {
            throw .placeholders(key, language: language)
        }
    }

    static func placeholders(_ text: String) -> Set<String> {
        Set(text.matches(of: /\{([a-z_]+)\}/).map { String($0.1) })
    }

    /// One pass over the template, so a value that itself holds `{period}` (an organisation's
    /// name) is printed as it is, never filled in turn.
    static func fill(_ text: String, _ values: [String: String]) -> String {
        guard !values.isEmpty else { return text }
        return text.replacing(/\{([a-z_]+)\}/) { match in values[String(match.1)] ?? String(match.0) }
    }
}
