/// Why a catalogue was refused, said so that a translator can find and fix it.
public enum CatalogueError: Error, Sendable, Hashable, CustomStringConvertible {
    case unreadable(language: String, why: String)
    case missingKey(String, language: String)
    case unknownKey(String, language: String)
    case placeholders(String, language: String, found: [String], expected: [String])
    case empty(String, language: String)
    case strayBrace(String, language: String)

    public var description: String {
        switch self {
        case .unreadable(let language, let why): "the \(language) catalogue cannot be read: \(why)"
        case .missingKey(let key, let language): "the \(language) catalogue lacks \(key)"
        case .unknownKey(let key, let language): "the \(language) catalogue has \(key), which the English one (in its language's plural forms) lacks"
        case .placeholders(let key, let language, let found, let expected):
            "the \(language) text of \(key) has the placeholders \(found), not \(expected)"
        case .empty(let key, let language): "the \(language) text of \(key) is empty"
        case .strayBrace(let key, let language): "the \(language) text of \(key) has a brace that is not a placeholder's (a placeholder is {name}: lowercase, no spaces)"
        }
    }
}
