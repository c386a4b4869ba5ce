import Foundation

/// The pages' words in every language, from Catalogs/LANG.json. Every catalogue must hold every
/// key of the English one: a missing translation stops the server at start, not a reader later.
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
        let english = Set(texts[.en]!.keys)
        for language in Language.allCases {
            let missing = english.subtracting(texts[language]!.keys)
            guard missing.isEmpty else {
                throw CatalogError(description: "the \(language.rawValue) catalogue lacks \(missing.sorted().joined(separator: ", "))")
            }
        }
        self.texts = texts
    }

    /// The text for `key` in `language`; for an id the catalogue does not know (a category a
    /// changed procedure added), `fallback`.
    func text(_ key: String, _ language: Language, fallback: String? = nil) -> String {
        texts[language]?[key] ?? fallback ?? texts[.en]?[key] ?? key
    }
}

struct CatalogError: Error, CustomStringConvertible {
    let description: String
}
