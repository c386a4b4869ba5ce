import Foundation
import Hummingbird

/// The languages the pages speak; each has a catalogue in Catalogs/.
enum Language: String, CaseIterable, Sendable {
    case en, ru, es, fr

    /// The language asked for in `?lang=`, else the first supported one in `Accept-Language`,
    /// else English.
    static func preferred(_ request: Request) -> Language {
        if let asked = request.uri.queryParameters["lang"].flatMap({ Language(rawValue: String($0)) }) { return asked }
        return from(acceptLanguage: request.headers[.acceptLanguage])
    }

    static func from(acceptLanguage: String?) -> Language {
        guard let acceptLanguage else { return .en }
        for part in acceptLanguage.split(separator: ",") {
            let tag = part.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            let primary = tag.split(separator: "-").first.map { String($0).lowercased() } ?? ""
            if let language = Language(rawValue: primary) { return language }
        }
        return .en
    }

    /// Which form of a counted word this language uses for `count`, after Unicode CLDR's plural
    /// rules for whole numbers: `one`, `few` (Russian's 2–4), or `many` — which stands for CLDR's
    /// `many` in Russian and its `other` in English, Spanish and French. The catalogues give every
    /// counted word all three keys, so they all have the same keys.
    func pluralCategory(_ count: Int) -> String {
        switch self {
        case .en, .es: count == 1 ? "one" : "many"
        case .fr: count == 0 || count == 1 ? "one" : "many"
        case .ru:
            if count % 10 == 1 && count % 100 != 11 { "one" }
            else if (2...4).contains(count % 10) && !(12...14).contains(count % 100) { "few" }
            else { "many" }
        }
    }
}
