import Foundation

/// Why a database's location or its password cannot be used.
public enum DatabaseLocationError: Error, Hashable, Sendable, CustomStringConvertible {
    case notPostgres(String)
    case passwordInURL
    case incomplete(String, String)
    case passwordFile(String, String)

    public var description: String {
        switch self {
        case .notPostgres(let text): "'\(text)' is not a PostgreSQL URL (postgres://USER@HOST[:PORT]/DATABASE)"
        case .passwordInURL:
            "the database URL holds a password, which would be written into config.json: give it in a file instead "
                + "(\(PostgresLocation.installedPasswordPath), or the file GRIEVANCE_DATABASE_PASSWORD_FILE names)"
        case .incomplete(let text, let why): "the database URL \(PostgresLocation.redacted(text)) \(why)"
        case .passwordFile(let path, let why): "the database password file \(path) \(why)"
        }
    }
}

extension PostgresLocation {
    /// `text` with anything after a colon in its user part removed, for messages.
    static func redacted(_ text: String) -> String {
        guard let at = text.firstIndex(of: "@"), let scheme = text.range(of: "://"), scheme.upperBound < at else { return text }
        let user = text[scheme.upperBound..<at]
        guard let colon = user.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":…" + String(text[at...])
    }
}
