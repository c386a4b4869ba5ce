/// Why a summary's words could not be had. The code stays private so that kinds can be added
/// without breaking a caller's `switch`; callers compare with `==` or show `message` and `hint`.
public struct SummaryCatalogError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        case unknownLanguage(String)
        case missingKey(String, language: String)
        case unknownKey(String, language: String)
        case placeholders(String, language: String)
        case unreadable(language: String, why: String)
    }

    private let code: Code

    private init(_ code: Code) { self.code = code }

    public static func unknownLanguage(_ language: String) -> Self { Self(.unknownLanguage(language)) }
    public static func missingKey(_ key: String, language: String) -> Self { Self(.missingKey(key, language: language)) }
    static func unknownKey(_ key: String, language: String) -> Self { Self(.unknownKey(key, language: language)) }
    static func placeholders(_ key: String, language: String) -> Self { Self(.placeholders(key, language: language)) }
    static func unreadable(language: String, why: String) -> Self { Self(.unreadable(language: language, why: why)) }

    public var description: String { message }

    public var message: String {
        switch code {
        case .unknownLanguage(let language): "there is no summary catalogue for \(language)"
        case .missingKey(let key, let language): "the \(language) summary catalogue lacks \(key)"
        case .unknownKey(let key, let language): "the \(language) summary catalogue has \(key), which the English one lacks"
        case .placeholders(let key, let language): "the \(language) text of \(key) does not have the same {placeholders} as the English one"
        case .unreadable(let language, let why): "the \(language) summary catalogue cannot be read: \(why)"
        }
    }

    public var hint: String? {
        switch code {
        case .unknownLanguage: "choose one of \(SummaryCatalog.languages.joined(separator: ", "))"
        // Only a damaged build or an edited catalogue gets here: the catalogue test catches the rest.
        case .missingKey, .unknownKey, .placeholders, .unreadable: "the catalogues ship with the program: reinstall it, or fix Sources/Summaries/Catalogs"
        }
    }
}
