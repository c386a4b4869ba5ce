/// Making and dropping whole databases, for tests and benchmarks that give each run its own,
/// and the checkpoint tests ask for before they read the server's files.
package enum PostgresHousekeeping {
    package static func createDatabase(_ name: String, on url: String, passwordFile: String?) throws {
        try run("CREATE DATABASE \(try quoted(name))", on: url, passwordFile: passwordFile)
    }

    package static func dropDatabase(_ name: String, on url: String, passwordFile: String?) throws {
        try run("DROP DATABASE IF EXISTS \(try quoted(name)) WITH (FORCE)", on: url, passwordFile: passwordFile)
    }

    /// Writes every dirty page to the database's files (a superuser's command, so `url` is the
    /// superuser's): tests then read those files for what must, or must not, be in them.
    package static func checkpoint(on url: String, passwordFile: String?) throws {
        try run("CHECKPOINT", on: url, passwordFile: passwordFile)
    }

    private static func quoted(_ name: String) throws -> String {
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw CasesError.invalid(.database, .malformed("a database name of letters, digits and _"))
        }
        return "\"\(name)\""
    }

    private static func run(_ sql: String, on url: String, passwordFile: String?) throws {
        let location = try PostgresLocation(parsing: url)
        let connections = try PostgresConnections(location: location, password: try PostgresLocation.password(file: passwordFile), maximum: 1)
        defer { connections.close() }
        try connections.withSession { try $0.execute(sql) }
    }
}
