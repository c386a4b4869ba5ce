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
}
