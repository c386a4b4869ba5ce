import Hummingbird
import Languages

extension Language {
    /// The language asked for in `?lang=` (the language switch, and every form's action), else
    /// the best one of `Accept-Language` (Language.negotiate), else English.
    static func preferred(_ request: Request) -> Language {
        if let asked = request.uri.queryParameters["lang"].flatMap({ Language(rawValue: String($0)) }) { return asked }
        return negotiate(request.headers[.acceptLanguage]) ?? .en
    }
}
