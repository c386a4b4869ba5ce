import Cases
import CasesTesting
import Foundation
import GRDB
import Testing

@testable import grievance_cli

/// The server and the handlers' tool work one data directory at the same time: the reporters'
/// filings and the handlers' commands wait for each other briefly instead of failing.
@Suite("grievance-server and grievance-cli on one database at once")
struct SharedDatabaseTests {
    /// What one participant saw: HTTP statuses by count, or the CLI's failed commands.
    enum Outcome: Sendable {
        case filer([Int: Int])
        case handler(commands: Int, failures: [String])
    }

    @Test("16 reporters file over HTTP while a handler shows, notes, lists, messages and advances: no 5xx, no failed command, every filing there")
    func filersAndHandler() async throws {
        let w = try CLIWorkspace.initialised(roster: [("amina", [.handler])])
        defer { w.remove() }
        let server = try ServerProcess(w, extraArguments: ["--filing-burst", "100000", "--filing-interval", "0.001"])
        let reference = try w.file(as: "amina", marker: "shared").reference
        let deadline = Date().addingTimeInterval(8)
        let outcomes = await withTaskGroup(of: Outcome.self) { group in
            for client in 0..<16 {
                group.addTask {
                    var statuses: [Int: Int] = [:]
                    // Until the deadline, and at least ten each however busy the machine is.
                    while Date() < deadline || statuses.values.reduce(0, +) < 10 {
                        let response = await server.send("/api/v1/complaints", method: "POST", contentType: "application/json",
                                                         body: #"{"category": "harassment", "description": "filed by client \#(client)"}"#)
                        statuses[response.status, default: 0] += 1
                    }
                    return .filer(statuses)
                }
            }
            group.addTask {
                var commands = 0
                var failures: [String] = []
                // Cases the reporters filed, as the last listing showed them, to acknowledge.
                var received: [String] = []
                while Date() < deadline || commands < 10 {
                    let command: [String] = switch commands % 5 {
                    case 0: ["case", "show", reference]
                    case 1: ["case", "note", reference, "--text", "note \(commands)"]
                    case 2: ["case", "list", "--json"]
                    case 3: ["case", "message", reference, "--text", "message \(commands)"]
                    default: received.popLast().map { ["case", "advance", $0, "--to", "acknowledged", "--reason", "acknowledged under load"] }
                        ?? ["case", "show", reference]
                    }
                    let result = try? w.run(command, as: "amina")
                    if result?.status != 0 { failures.append("\(command[1]): \(result?.standardError ?? "did not run")") }
                    if command[1] == "list", let cases = try? result?.json() as? [[String: Any]] {
                        received = cases.filter { $0["stage"] as? String == "received" && $0["reference"] as? String != reference }
                            .compactMap { $0["reference"] as? String }
                    }
                    commands += 1
                }
                return .handler(commands: commands, failures: failures)
            }
            return await group.reduce(into: [Outcome]()) { $0.append($1) }
        }
        var statuses: [Int: Int] = [:]
        for case .filer(let counts) in outcomes { statuses.merge(counts, uniquingKeysWith: +) }
        for case .handler(let commands, let failures) in outcomes {
            #expect(failures.isEmpty, "\(failures.count) of \(commands) commands failed: \(failures.prefix(3))")
            #expect(commands >= 10, "only \(commands) commands ran")
        }
        #expect(Set(statuses.keys) == [201], "statuses: \(statuses)")
        for case .handler(let commands, let failures) in outcomes {
            print("shared database: \(statuses[201, default: 0]) filings from 16 clients, \(commands) handler commands, "
                  + "\(failures.count) failed, statuses \(statuses)")
        }
        #expect(server.stop() == 0)
        let listed = try #require(try w.run(["case", "list", "--json"], as: "amina").json() as? [[String: Any]])
        #expect(listed.count == statuses[201, default: 0] + 1)
        #expect(listed.contains { $0["stage"] as? String == "acknowledged" }, "no filing was advanced")
        #expect(try w.run(["audit", "verify"]).status == 0)
    }

    // SQLite's own write lock, held by another process through SQLite's file: PostgreSQL's
    // writers wait on an advisory lock instead, which no file holder can take.
    @Test("a command that cannot get the write lock within its wait says so in one line, and changes nothing",
          .enabled(if: TestEngine.fromEnvironment == .sqlite))
    func lockedOut() throws {
        let w = try CLIWorkspace.initialised(roster: [("amina", [.handler])], engine: .sqlite)
        defer { w.remove() }
        let reference = try w.file(as: "amina", marker: "locked").reference
        // Another process — a stuck command, a copy tool — holds the write lock.
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        let holder = try DatabaseQueue(path: w.dataDirectory.appendingPathComponent("grievance.sqlite").path, configuration: configuration)
        try holder.writeWithoutTransaction { db in
            // As when the server runs: the write-ahead log holds something, so readers open without a write.
            try db.execute(sql: "INSERT INTO settings (key, value) VALUES ('lock-test', x'00'); DELETE FROM settings WHERE key = 'lock-test'")
            try db.execute(sql: "BEGIN IMMEDIATE")
        }
        let started = Date()
        let refused = try w.run(["case", "note", reference, "--text", "NEVER-WRITTEN"], as: "amina")
        let waited = Date().timeIntervalSince(started)
        // Listing goes on meanwhile: WAL readers never wait for the writer. (Opening a case waits
        // like any write: its read is logged in the same transaction.)
        let listed = try w.run(["case", "list"], as: "amina")
        try holder.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }
        #expect(refused.status == CLIExitStatus.couldNotRun.rawValue)
        let lines = refused.standardError.split(separator: "\n")
        #expect(lines.count == 2, "\(refused.standardError)")
        #expect(lines.first?.contains("the database is busy") == true && lines.first?.contains("nothing was changed") == true, "\(refused.standardError)")
        #expect(lines.last?.hasPrefix("grievance-cli: hint: ") == true)
        #expect(waited >= 4 && waited < 30, "waited \(waited) s")
        #expect(listed.status == 0, "\(listed.standardError)")
        #expect(listed.standardOutput.contains(reference))
        let after = try w.run(["case", "show", reference, "--json"], as: "amina")
        #expect(after.status == 0)
        #expect(!after.standardOutput.contains("NEVER-WRITTEN"))
        #expect(try w.run(["audit", "verify"]).status == 0)
    }
}
