import Cases
import Foundation

/// Which engine a fixture's tables are in. `GRIEVANCE_TEST_ENGINE=postgres` makes PostgreSQL
/// every fixture's default, so the same suites run on both engines (scripts/test runs them
/// twice); the server is the one `scripts/lib/postgres.sh` starts, named by
/// `GRIEVANCE_TEST_POSTGRES` and `GRIEVANCE_TEST_POSTGRES_PASSWORD_FILE`.
public enum TestEngine: Sendable, Equatable {
    case sqlite
    /// A database made for this fixture alone on the test server, dropped by `remove()`.
    case postgres

    /// This process's environment for a program a test runs (the CLI, the server): none of the
    /// test run's own GRIEVANCE_ settings, which would speak for the test's people, but the
    /// database's password file, as an installation gives it to every program.
    public static var childEnvironment: [String: String] {
        ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GRIEVANCE_") || $0.key == "GRIEVANCE_DATABASE_PASSWORD_FILE" }
    }

    public static var fromEnvironment: TestEngine {
        ProcessInfo.processInfo.environment["GRIEVANCE_TEST_ENGINE"] == "postgres" ? .postgres : .sqlite
    }

    /// Whether tests of PostgreSQL alone run: when a server for tests is there, and always in CI
    /// (where a missing server then fails them, rather than skipping them unseen).
    public static var postgresAvailable: Bool { server != nil || ProcessInfo.processInfo.environment["CI"] == "true" }

    /// The test server's URL (its database for housekeeping) and password file.
    public static var server: (url: String, passwordFile: String)? {
        let environment = ProcessInfo.processInfo.environment
        guard let url = environment["GRIEVANCE_TEST_POSTGRES"], let file = environment["GRIEVANCE_TEST_POSTGRES_PASSWORD_FILE"] else { return nil }
        return (url, file)
    }

    /// Makes a new, empty database on the test server and returns its URL.
    public static func newPostgresDatabase() throws -> (url: String, passwordFile: String) {
        guard let server else { throw TestEngineError.noServer }
        let name = "grievance_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        try PostgresHousekeeping.createDatabase(name, on: server.url, passwordFile: server.passwordFile)
        let base = server.url[..<(server.url.lastIndex(of: "/") ?? server.url.endIndex)]
        return (base + "/" + name, server.passwordFile)
    }

    public static func dropPostgresDatabase(_ url: String) {
        guard let server, let name = url.split(separator: "/").last else { return }
        try? PostgresHousekeeping.dropDatabase(String(name), on: server.url, passwordFile: server.passwordFile)
    }
}

public enum TestEngineError: Error, CustomStringConvertible {
    case noServer
    public var description: String { "GRIEVANCE_TEST_POSTGRES is not set: run the tests through ./scripts/test, which starts PostgreSQL" }
}
