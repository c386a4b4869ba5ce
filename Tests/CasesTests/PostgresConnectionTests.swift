@testable import Cases
import CasesTesting
import Foundation
import Testing

@Suite("PostgreSQL out of reach or refusing: a clear refusal, nothing kept, no secret in the words",
       .enabled(if: TestEngine.postgresAvailable))
struct PostgresConnectionTests {
    static func location(port: Int? = nil) throws -> PostgresLocation {
        let server = try #require(TestEngine.server)
        var components = try #require(URLComponents(string: server.url))
        if let port { components.port = port }
        return try PostgresLocation(parsing: components.string!)
    }

    @Test("a server that is not there: Cases' own 'unavailable', which the server answers with 503 and the CLI with a hint")
    func unreachable() throws {
        // A port nothing listens on: bound and closed again just now.
        let port = try FreePort.take()
        #expect(throws: CasesError(.unavailable(.databaseUnreachable(try Self.location(port: port).description)))) {
            try PostgresCaseStorage(location: try Self.location(port: port), password: "x", auditOrigin: "grievance/test")
        }
    }

    @Test("a wrong password: PostgreSQL's refusal in words an operator can act on, and never the password")
    func wrongPassword() throws {
        let password = "wrong-\(UUID().uuidString)"
        do {
            _ = try PostgresCaseStorage(location: try Self.location(), password: password, auditOrigin: "grievance/test")
            Issue.record("the test server accepted a wrong password: it must require one over TCP (scripts/lib/postgres.sh)")
        } catch let refusal as PostgresRefusal {
            #expect(refusal.sqlState == "28P01")
            #expect(refusal.description.contains("refused the login") && !refusal.description.contains(password))
        }
    }

    @Test("a password in the URL is refused before anything is written; the message does not repeat it")
    func passwordInURL() throws {
        #expect(throws: DatabaseLocationError.passwordInURL) { try PostgresLocation(parsing: "postgres://grievance:hunter2@127.0.0.1/db") }
        #expect(!DatabaseLocationError.incomplete("postgres://u:hunter2@h", "names no database").description.contains("hunter2"))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pw-\(UUID().uuidString)").path
        FileManager.default.createFile(atPath: file, contents: Data("secret\n".utf8), attributes: [.posixPermissions: 0o644])
        defer { try? FileManager.default.removeItem(atPath: file) }
        #expect(throws: DatabaseLocationError.self, "a password file others can read") {
            try PostgresLocation.password(configuredFile: file, environment: [:])
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        #expect(try PostgresLocation.password(configuredFile: file, environment: [:]) == "secret")
        #expect(try PostgresLocation.password(configuredFile: nil, environment: ["GRIEVANCE_DATABASE_PASSWORD": "from-env"]) == "from-env")
    }
}
