import Cases
import Foundation
import Languages

/// The pages' words in every language, from Catalogs/LANG.json, each checked against the
/// English one when the server starts (Catalogue.check): a missing or misspelt translation stops
/// the server at start, not a reader later. The numbers in the words — days, files, megabytes —
/// are filled in from the procedure and the limits, never written into a catalogue.
struct Catalog: Sendable {
    private let catalogues: [Language: Catalogue]

    init() throws {
        var catalogues: [Language: Catalogue] = [:]
        for language in Language.allCases {
            guard let url = Bundle.module.url(forResource: language.rawValue, withExtension: "json", subdirectory: "Catalogs") else {
                throw CatalogError(description: "no catalogue for \(language.rawValue) in the server's resources")
            }
            catalogues[language] = try Catalogue.load(url, language: language)
        }
        let english = catalogues[.en]!
        for language in Language.allCases { try catalogues[language]!.check(against: english) }
        self.catalogues = catalogues
    }

    /// The catalogue of `language`: who translated it, and whether it was reviewed.
    func catalogue(_ language: Language) -> Catalogue { catalogues[language]! }

    /// The text for `key` in `language`, its placeholders filled from `values`; for an id the
    /// catalogue does not know (a category a changed procedure added), `fallback`.
    func text(_ key: String, _ language: Language, fallback: String? = nil, values: [String: String] = [:]) -> String {
        let text = catalogues[language]?.texts[key] ?? fallback ?? catalogues[.en]?.texts[key] ?? key
        return Catalogue.fill(text, values)
    }

    /// A duration as it reads after "within" in `language`: "7 days", "24 часов".
    func within(_ duration: PolicyDuration, _ language: Language) -> String {
        text(catalogue(language).counted("within.\(duration.unit.rawValue)", duration.value), language, values: ["count": String(duration.value)])
    }
}
