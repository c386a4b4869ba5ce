import Foundation

/// Where a PostgreSQL database is: `postgres://USER@HOST[:PORT]/DATABASE`, as `config.json`'s
/// `database` says it. The password is never part of it — not in the configuration, which
/// every member of the installation's group reads, nor in any log — but read when a connection
/// is made: from the file `GRIEVANCE_DATABASE_PASSWORD_FILE` names (owner- or group-readable
/// only), else from `GRIEVANCE_DATABASE_PASSWORD`, else from the configuration's
/// `database_password_file`.
package struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
    package let host: String
    package let port: Int
    package let user: String
    package let database: String

    package static let schemes: Set<String> = ["postgres", "postgresql"]

    /// Parses `text`, refusing a password in it (it would be written into `config.json`) and
    /// anything but a host on the network: the tables are shared by several server instances.
    package init(parsing text: String) throws(DatabaseLocationError) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(), Self.schemes.contains(scheme) else {
            throw .notPostgres(text)
        }
        guard components.password == nil else { throw .passwordInURL }
        guard let host = components.host, !host.isEmpty else { throw .incomplete(text, "names no host") }
        guard let user = components.user, !user.isEmpty else { throw .incomplete(text, "names no user (postgres://USER@HOST/DATABASE)") }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else { throw .incomplete(text, "names no database (postgres://USER@HOST/DATABASE)") }
        guard components.query == nil, components.fragment == nil else { throw .incomplete(text, "has options this system does not read") }
        self.host = host
        self.port = components.port ?? 5432
        self.user = user.removingPercentEncoding ?? user
        self.database = database.removingPercentEncoding ?? database
    }

    /// The URL as configured: no secret in it, so it may be shown and logged.
    package var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }

    /// The password for `user`: nil when none is configured (PostgreSQL's `trust`, or a peer on
    /// the same machine).
    package static func password(configuredFile: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(DatabaseLocationError) -> String?
    {
        if let file = environment["GRIEVANCE_DATABASE_PASSWORD_FILE"] ?? configuredFile {
            return try readPasswordFile(file)
        }
        return environment["GRIEVANCE_DATABASE_PASSWORD"]
    }

    private static func readPasswordFile(_ path: String) throws(DatabaseLocationError) -> String {
        var status = stat()
        guard stat(path, &status) == 0 else { throw .passwordFile(path, "cannot be read") }
        guard status.st_mode & 0o007 == 0 else { throw .passwordFile(path, "can be read by others (chmod o-rwx)") }
        guard let data = FileManager.default.contents(atPath: path), data.count <= 4096,
              let text = String(data: data, encoding: .utf8)
        else { throw .passwordFile(path, "is not a short text file") }
        let password = text.trimmingCharacters(in: .newlines)
        guard !password.isEmpty else { throw .passwordFile(path, "is empty") }
        return password
    }
}
