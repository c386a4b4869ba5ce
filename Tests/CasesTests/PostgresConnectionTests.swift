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
            try PostgresLocation.password(file: file, environment: [:])
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        #expect(try PostgresLocation.password(file: file, environment: [:]) == "secret")
        #expect(try PostgresLocation.password(environment: ["GRIEVANCE_DATABASE_PASSWORD": "from-env"]) == "from-env")
    }

    @Test("over the network: TLS with the server's certificate verified; a certificate from another CA is refused",
          .enabled(if: ProcessInfo.processInfo.environment["GRIEVANCE_TEST_POSTGRES_CA"] != nil || ProcessInfo.processInfo.environment["CI"] == "true"))
    func tls() throws {
        let ca = try #require(ProcessInfo.processInfo.environment["GRIEVANCE_TEST_POSTGRES_CA"], "the test server offers no TLS (openssl missing?)")
        let database = try TestEngine.newPostgresDatabase()
        defer { TestEngine.dropPostgresDatabase(database.url) }
        let password = try PostgresLocation.password(file: database.passwordFile, environment: [:])
        func encrypted(_ options: String) throws -> Bool? {
            let storage = try PostgresCaseStorage(location: try PostgresLocation(parsing: database.url + options), password: password,
                                                  auditOrigin: "grievance/test")
            defer { storage.close() }
            return try storage.connections.withSession { session in
                try session.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").first.map { try $0.bool("ssl") }
            }
        }
        #expect(try encrypted("?sslmode=verify-full&sslrootcert=\(ca)") == true)
        #expect(try encrypted("") == false, "the loopback goes in clear unless asked")
        // A certificate the configured CA did not sign: a man in the middle, as far as we know.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("other-ca-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
                             "-subj", "/CN=someone else", "-keyout", folder.appendingPathComponent("ca.key").path,
                             "-out", folder.appendingPathComponent("ca.crt").path]
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        #expect(throws: (any Error).self, "a server whose certificate the configured CA did not sign was trusted") {
            try encrypted("?sslmode=verify-full&sslrootcert=\(folder.appendingPathComponent("ca.crt").path)")
        }
        #expect(throws: DatabaseLocationError.self) { try PostgresLocation(parsing: database.url + "?sslmode=prefer") }
        #expect(try PostgresLocation(parsing: "postgres://g@db.example.org/g").tls == .verifyFull, "another machine: verified TLS unless told")
    }
}
