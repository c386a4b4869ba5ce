import Foundation
import Languages

/// A summary's words in one language, from Catalogs/LANG.json, checked against the English one
/// when loaded (Catalogue.check, the same rule as the pages'): a translation that drifted stops
/// the rendering rather than printing a key or a half-filled sentence in front of a committee.
/// The threshold and every count are filled in from the document, never written into a
/// catalogue: a procedure may change them.
public struct SummaryCatalog: Sendable {
    public static let languages = Language.allCases.map(\.rawValue)

    public let language: String
    /// Which way the language runs, for the HTML's `dir`.
    public let direction: TextDirection
    private let texts: [String: String]

    public init(language: String) throws(SummaryCatalogError) {
        guard let spoken = Language(rawValue: language) else { throw .unknownLanguage(language) }
        let english = try Self.load(.en)
        let catalogue = spoken == .en ? english : try Self.load(spoken)
        do {
            try catalogue.check(against: english)
        } catch {
            throw .catalogue(error)
        }
        self.language = language
        direction = spoken.direction
        texts = catalogue.texts
    }

    /// The text every catalogue must hold for `key`, its placeholders filled from `values`.
    public func text(_ key: String, _ values: [String: String] = [:]) throws(SummaryCatalogError) -> String {
        guard let text = texts[key] else { throw .missingKey(key, language: language) }
        return Catalogue.fill(text, values)
    }

    /// How a row or column value reads. Ids only a data directory knows — an event's slug, a
    /// category a changed procedure added — have no entry and read as themselves.
    public func label(_ id: String, in dimension: Dimension) -> String {
        texts[id == Dimension.none ? "value.none" : "value.\(dimension.rawValue).\(id)"] ?? id
    }

    /// A table's heading; a table a later version adds reads as its name until translated.
    public func tableName(_ name: String) -> String { texts["table.\(name)"] ?? name }

    static func load(_ language: Language) throws(SummaryCatalogError) -> Catalogue {
        guard let url = Bundle.module.url(forResource: language.rawValue, withExtension: "json", subdirectory: "Catalogs") else {
            throw .catalogue(.unreadable(language: language.rawValue, why: "it is not in the program's resources"))
        }
        do {
            return try Catalogue.load(url, language: language)
        } catch {
            throw .catalogue(error)
        }
    }
}
