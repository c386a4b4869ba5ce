import Foundation

/// One language's words for one face of the system (the intake pages, the summaries), as
/// translators write them: Catalogs/LANG.json, with who translated it and whether a native
/// speaker has reviewed it. Every catalogue must hold exactly the English one's keys, each with
/// the same `{placeholders}`, except that a counted phrase (`within.days.one`) comes in the
/// plural categories of its own language: a missing, misspelt or half-filled translation is
/// refused when it is loaded, never shown to a reader.
public struct Catalogue: Sendable, Decodable {
    public let language: Language
    /// Who wrote this translation, as the file says.
    public let translatedBy: String
    /// Whether a native speaker has reviewed it; false for a first version.
    public let reviewed: Bool
    public let texts: [String: String]

    enum CodingKeys: String, CodingKey {
        case language, reviewed, texts
        case translatedBy = "translated_by"
    }

    /// Reads `file`, which must be `language`'s catalogue.
    public static func load(_ file: URL, language: Language) throws(CatalogueError) -> Catalogue {
        let catalogue: Catalogue
        do {
            catalogue = try JSONDecoder().decode(Catalogue.self, from: Data(contentsOf: file))
        } catch {
            throw .unreadable(language: language.rawValue, why: "\(error)")
        }
        guard catalogue.language == language else {
            throw .unreadable(language: language.rawValue, why: "it says it is the \(catalogue.language.rawValue) catalogue")
        }
        return catalogue
    }

    /// Refuses this catalogue if it lacks a key of `english`, has one English lacks, gives a
    /// counted phrase other plural forms than its language's, or drops, adds or renames a
    /// placeholder (but for `{count}` in a form that stands for one number alone, which may say
    /// it in words), or leaves a brace that is not a placeholder's.
    public func check(against english: Catalogue) throws(CatalogueError) {
        let expected = Self.expectedKeys(english.texts, in: language)
        let name = language.rawValue
        if let missing = Set(expected.keys).subtracting(texts.keys).min() { throw .missingKey(missing, language: name) }
        if let unknown = Set(texts.keys).subtracting(expected.keys).min() { throw .unknownKey(unknown, language: name) }
        for (key, source) in expected.sorted(by: { $0.key < $1.key }) {
            let found = Self.placeholders(texts[key]!), wanted = Self.placeholders(source)
            // A form that stands for one number alone (Arabic's zero, one and two; English's one,
            // but not French's, which is 0 and 1 too) may say it in words ("يومين", "an hour")
            // and leave `{count}` out; every other placeholder stays.
            let category = Self.countedBase(key, in: expected).flatMap { _ in PluralCategory(rawValue: String(key.split(separator: ".").last!)) }
            let allowed = category.map(language.standsForOneNumber) == true ? [wanted, wanted.subtracting(["count"])] : [wanted]
            if !allowed.contains(found) { throw .placeholders(key, language: name, found: found.sorted(), expected: wanted.sorted()) }
            // A brace left over is a placeholder misspelt ("{Count}", "{ within }"), printed as it is.
            if texts[key]!.replacing(/\{[a-z_]+\}/, with: "").contains(where: { $0 == "{" || $0 == "}" }) { throw .strayBrace(key, language: name) }
            if texts[key]!.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw .empty(key, language: name) }
        }
    }

    /// The keys `language` must have, each with the English text whose placeholders it must
    /// keep: English's own, but a counted phrase in `language`'s plural categories, held to the
    /// placeholders of English's `other`.
    static func expectedKeys(_ english: [String: String], in language: Language) -> [String: String] {
        var expected: [String: String] = [:]
        for (key, text) in english {
            guard let base = countedBase(key, in: english) else {
                expected[key] = text
                continue
            }
            for category in language.pluralCategories { expected["\(base).\(category.rawValue)"] = english["\(base).other"] }
        }
        return expected
    }

    /// `within.days` for `within.days.one`: a counted phrase is one English gives both a `one`
    /// and an `other` form. (`value.category.other` is the category "other", not a count.)
    static func countedBase(_ key: String, in english: [String: String]) -> String? {
        guard let dot = key.lastIndex(of: "."), PluralCategory(rawValue: String(key[key.index(after: dot)...])) != nil else { return nil }
        let base = String(key[..<dot])
        return english["\(base).one"] != nil && english["\(base).other"] != nil ? base : nil
    }

    public static func placeholders(_ text: String) -> Set<String> {
        Set(text.matches(of: /\{([a-z_]+)\}/).map { String($0.1) })
    }

    /// `text` with its placeholders filled from `values` in one pass, so that a value holding
    /// `{period}` (an organisation's name) is printed as it is, never filled in turn.
    public static func fill(_ text: String, _ values: [String: String]) -> String {
        guard !values.isEmpty else { return text }
        return text.replacing(/\{([a-z_]+)\}/) { match in values[String(match.1)] ?? String(match.0) }
    }

    /// The key of the counted phrase `base` for `count` in this catalogue's language.
    public func counted(_ base: String, _ count: Int) -> String {
        "\(base).\(language.pluralCategory(count).rawValue)"
    }
}
