import Languages

/// Why a summary's words could not be had. The code stays private so that kinds can be added
/// without breaking a caller's `switch`; callers compare with `==` or show `message` and `hint`.
public struct SummaryCatalogError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        case unknownLanguage(String)
        case missingKey(String, language: String)
        case catalogue(CatalogueError)
    }

    private let code: Code

    private init(_ code: Code) { self.code = code }

    public static func unknownLanguage(_ language: String) -> Self { Self(.unknownLanguage(language)) }
    public static func missingKey(_ key: String, language: String) -> Self { Self(.missingKey(key, language: language)) }
    static func catalogue(_ error: CatalogueError) -> Self { Self(.catalogue(error)) }

    public var description: String { message }

    public var message: String {
        switch code {
        case .unknownLanguage(let language): "there is no summary catalogue for \(language)"
        case .missingKey(let key, let language): "the \(language) summary catalogue lacks \(key)"
        case .catalogue(let error): "summaries: \(error)"
        }
    }

    public var hint: String? {
        switch code {
        case .unknownLanguage: "choose one of \(SummaryCatalog.languages.joined(separator: ", "))"
        // Only a damaged build or an edited catalogue gets here: the catalogue test catches the rest.
        case .missingKey, .catalogue: "the catalogues ship with the program: reinstall it, or fix Sources/Summaries/Catalogs"
        }
    }
}
