import PostgresNIO

/// What PostgreSQL said when it refused a connection or a statement, in its own words:
/// postgres-nio's errors describe themselves generically, so that a query's values never reach
/// a log, and an operator would learn nothing from them. The server's message names the
/// constraint or the role, never a statement's parameters.
public struct PostgresRefusal: Error, Sendable, CustomStringConvertible {
    public let location: String
    public let sqlState: String
    public let message: String

    init?(_ error: PSQLError, location: String) {
        guard error.code == .server, let info = error.serverInfo else { return nil }
        self.location = location
        sqlState = info[.sqlState] ?? "?"
        message = info[.message] ?? "no message"
    }

    public var description: String {
        switch sqlState {
        case "28P01", "28000": "the database at \(location) refused the login: \(message) (check the password file or GRIEVANCE_DATABASE_PASSWORD)"
        case "3D000": "the database at \(location) does not exist: \(message) (create it with createdb, owned by the role in the URL)"
        default: "the database at \(location) refused a statement: \(message) (SQLSTATE \(sqlState))"
        }
    }
}
