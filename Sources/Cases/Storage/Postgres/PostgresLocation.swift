import Foundation

/// Where a PostgreSQL database is: `postgres://USER@HOST[:PORT]/DATABASE[?sslmode=…]`, as
/// `config.json`'s `database` says it. Over the network the connection is TLS and the server's
/// certificate is verified (`sslmode=verify-full`, the default for any host but the loopback;
/// `sslrootcert=FILE` names the CA, else the system's are trusted): the tables' clear
/// metadata and the role's password cross it. `sslmode=disable` is for a private link that is
/// encrypted already (WireGuard), `require` encrypts without verifying whom to.
///
/// The password is never part of it, nor anywhere in `config.json`, which every member of the
/// installation's group may write: a path to a "password file" there would let one of them make
/// another person's command read any file of theirs (a key, a token) and send it, as a
/// cleartext password, to a server of their choosing. It is read when a connection is made:
/// from the file `GRIEVANCE_DATABASE_PASSWORD_FILE` names (no access for others), else from
/// `GRIEVANCE_DATABASE_PASSWORD`, else from `/etc/grievance/database-password` when it exists
/// (root's to install, as the organisation key is).
package struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
    package let host: String
    package let port: Int
    package let user: String
    package let database: String
    package let tls: TLSMode
    /// The CA that signed the server's certificate, for `verify-full`; nil: the system's.
    package let rootCertificate: String?

    package enum TLSMode: String, Sendable, Hashable, CaseIterable {
        case disable
        case require
        case verifyFull = "verify-full"
    }

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
        guard components.fragment == nil else { throw .incomplete(text, "has a fragment") }
        var tls: TLSMode?
        var rootCertificate: String?
        for item in components.queryItems ?? [] {
            switch (item.name, item.value) {
            case ("sslmode", let value?):
                guard let mode = TLSMode(rawValue: value) else {
                    throw .incomplete(text, "asks for sslmode=\(value); this system knows \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                tls = mode
            case ("sslrootcert", let value?) where value.hasPrefix("/"):
                rootCertificate = value
            default:
                throw .incomplete(text, "has the option '\(item.name)', which this system does not read (sslmode, sslrootcert=/ABSOLUTE/PATH)")
            }
        }
        self.tls = tls ?? (Self.loopback.contains(host.lowercased()) ? .disable : .verifyFull)
        self.rootCertificate = rootCertificate
        self.host = host
        self.port = components.port ?? 5432
        self.user = user.removingPercentEncoding ?? user
        self.database = database.removingPercentEncoding ?? database
    }

    static let loopback: Set<String> = ["127.0.0.1", "::1", "[::1]", "localhost"]

    /// The URL as configured: no secret in it, so it may be shown and logged.
    package var description: String {
        var options: [String] = []
        if tls != (Self.loopback.contains(host.lowercased()) ? .disable : .verifyFull) { options.append("sslmode=\(tls.rawValue)") }
        if let rootCertificate { options.append("sslrootcert=\(rootCertificate)") }
        return "postgres://\(user)@\(host):\(port)/\(database)" + (options.isEmpty ? "" : "?" + options.joined(separator: "&"))
    }

    /// The password for `user`: nil when none is configured (PostgreSQL's `trust`, or a peer on
    /// the same machine).
    /// `file` is one a person named for a command of theirs (tests, benchmarks), never one
    /// from `config.json`.
    package static func password(file: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(DatabaseLocationError) -> String?
    {
        if let file = file ?? environment["GRIEVANCE_DATABASE_PASSWORD_FILE"] {
            return try readPasswordFile(file)
        }
        if let password = environment["GRIEVANCE_DATABASE_PASSWORD"] { return password }
        return FileManager.default.fileExists(atPath: installedPasswordPath) ? try readPasswordFile(installedPasswordPath) : nil
    }

    /// Where an installation keeps the database's password for every program on the machine.
    package static let installedPasswordPath = "/etc/grievance/database-password"

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
