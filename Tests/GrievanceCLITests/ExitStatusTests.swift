import Cases
import CasesTesting
import Foundation
import Testing

@testable import grievance_cli

/// The command line's exit statuses, named apart from Swift Testing's own `ExitStatus`.
typealias CLIExitStatus = grievance_cli.ExitStatus

@Suite("grievance-cli exit statuses: one for each kind of failure, as docs/CLI.md lists them")
struct ExitStatusTests {
    static func expect(_ result: CLIWorkspace.Result, _ status: CLIExitStatus, _ message: String,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == status.rawValue, "\(result.standardError)", sourceLocation: sourceLocation)
        #expect(result.standardError.contains(message), "\(result.standardError)", sourceLocation: sourceLocation)
    }

    @Test("usage: the parser's own mistakes, and what a command needs but was not given")
    func usage() throws {
        let w = try CLIWorkspace.initialised(roster: [("amina", [.handler])])
        defer { w.remove() }
        Self.expect(try w.run(["case", "list", "--no-such-option"], as: "amina"), .usage, "Unknown option '--no-such-option'")
        Self.expect(try w.run(["case", "list"]), .usage, "say who you are")
        let (reference, _) = try w.file(as: "amina", marker: "usage")
        Self.expect(try w.run(["case", "note", reference, "--text", " "], as: "amina"), .usage, "the note must not be empty")
        // No terminal to ask on, and no --yes: nothing is done.
        Self.expect(try w.run(["case", "exclude", reference, "--handler", "rosa"], as: "amina"), .usage, "there is no terminal to ask")
        Self.expect(try w.run(["handler", "disable", "amina"], as: "rosa"), .usage, "cannot be undone, and there is no terminal to ask")
        let people = try #require(try w.run(["handler", "list", "--json"]).json() as? [[String: Any]])
        #expect(people.first { $0["id"] as? String == "amina" }?["disabled"] as? Bool == false)
        #expect(try w.run(["case", "show", reference], as: "amina").status == 0)
    }

    @Test("refused: the access rule, administrators only, a wrong passphrase, a stage change the procedure does not allow")
    func refused() throws {
        let w = try CLIWorkspace.initialised(roster: [("amina", [.handler]), ("exec", [.executive])])
        defer { w.remove() }
        let (reference, _) = try w.file(as: "amina", marker: "refused")
        Self.expect(try w.run(["case", "show", reference], as: "exec"), .refused, "not allowed")
        Self.expect(try w.run(["event", "add", "congress", "--name", "C", "--type", "congress", "--starts", "2027-01-01", "--ends", "2027-01-02",
                               "--online"], as: "amina"), .refused, "is for administrators")
        Self.expect(try w.run(["case", "list"], as: "amina", passphrase: "not amina's passphrase"), .refused, "wrong passphrase")
        Self.expect(try w.run(["case", "advance", reference, "--to", "closed", "--reason", "skip"], as: "amina"), .refused, "stage change refused")
    }

    @Test("not found: no such case, person, event or file")
    func notFound() throws {
        let w = try CLIWorkspace.initialised(roster: [("amina", [.handler])])
        defer { w.remove() }
        Self.expect(try w.run(["case", "show", "GRV-00000000"], as: "amina"), .notFound, "no case GRV-00000000")
        Self.expect(try w.run(["case", "assign", try w.file(as: "amina", marker: "found").reference, "--to", "nobody"], as: "amina"),
                    .notFound, "no person with id nobody")
        Self.expect(try w.run(["case", "list"], as: "nobody"), .notFound, "no person with id nobody")
        Self.expect(try w.run(["backup", "verify", w.folder.appendingPathComponent("no-such-backup").path, "--recovery-key", w.recoveryKeyFile.path]),
                    .notFound, "cannot read")
    }

    @Test("verification failed: an audit log changed behind the tool's back, a damaged backup, a procedure file that would be refused")
    func verificationFailed() throws {
        let w = try CLIWorkspace.initialised(roster: [("amina", [.handler])])
        defer { w.remove() }
        _ = try w.file(as: "amina", marker: "verify")
        let backup = w.folder.appendingPathComponent("backup.grievance").path
        let made = try w.run(["backup", "create", "--out", backup])
        #expect(made.status == 0, "\(made.standardError)")
        #expect(try w.run(["backup", "verify", backup, "--recovery-key", w.recoveryKeyFile.path]).status == 0)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: backup))
        bytes[bytes.count - 40] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: backup))
        Self.expect(try w.run(["backup", "verify", backup, "--recovery-key", w.recoveryKeyFile.path]), .verificationFailed, "is damaged")
        Self.expect(try w.run(["backup", "verify", backup, "--recovery-key", w.recoveryKeyFile.path, "--json"]), .verificationFailed, "is damaged")

        try w.raw().transaction { tables in
            try tables.execute(w.dropAppendOnly("audit_entries", "UPDATE"), [])
            let entry = try #require(try tables.rows("SELECT entry FROM audit_entries WHERE seq = 2", []).first?["entry"]?.bytes)
            #expect(try tables.execute("UPDATE audit_entries SET entry = ? WHERE seq = 2", [.bytes(entry + [0])]) == 1)
        }
        Self.expect(try w.run(["audit", "verify"]), .verificationFailed, "the audit log does not verify")
        // JSON says it on standard output; the status says it too.
        let json = try w.run(["audit", "verify", "--json"])
        #expect(json.status == CLIExitStatus.verificationFailed.rawValue)
        #expect((try json.json() as? [String: Any])?["valid"] as? Bool == false)

        let broken = w.folder.appendingPathComponent("broken.yaml")
        try "stages: [".write(to: broken, atomically: true, encoding: .utf8)
        Self.expect(try w.run(["policy", "check", broken.path]), .verificationFailed, "not valid YAML")
        #expect(try w.run(["policy", "check", broken.path, "--json"]).status == CLIExitStatus.verificationFailed.rawValue)
    }

    @Test("could not run: no data directory, one never initialised, one others can read")
    func couldNotRun() throws {
        let w = try CLIWorkspace.initialised(roster: [("amina", [.handler])])
        defer { w.remove() }
        Self.expect(try w.run(["case", "list"], as: "amina", environment: ["GRIEVANCE_DATA_DIR": w.folder.appendingPathComponent("nope").path]),
                    .couldNotRun, "no data directory at")
        // The group may share it (init --group); others may not.
        try FileManager.default.setAttributes([.posixPermissions: 0o705], ofItemAtPath: w.dataDirectory.path)
        Self.expect(try w.run(["handler", "list"]), .couldNotRun, "can be read by other users")
    }

    @Test("docs/CLI.md's table lists every status with its number and name, and the help names them")
    func documented() throws {
        let root = PolicyCheckTests.shipped.deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("docs/CLI.md"), encoding: .utf8)
        for status in CLIExitStatus.allCases {
            #expect(text.contains("| \(status.rawValue) | \(status.name) |"), "docs/CLI.md lacks the row for \(status.rawValue) \(status.name)")
        }
        #expect(!CLIExitStatus.allCases.contains { $0.rawValue == 1 })
        #expect(GrievanceCLI.helpMessage().contains("64 usage"))
    }
}
