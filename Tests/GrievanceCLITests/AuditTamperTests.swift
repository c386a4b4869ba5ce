import Cases
import Foundation
import CasesTesting
import Testing

@testable import grievance_cli

@Suite("grievance-cli audit: verify, checkpoint, export, and tampering behind the tool's back")
struct AuditTamperTests {
    /// A workspace with some history: people, a case worked a little, a checkpoint held apart.
    static func setUp() throws -> (CLIWorkspace, checkpoint: String) {
        let w = try CLIWorkspace.initialised(roster: [("amina", [.handler])])
        let (reference, _) = try w.file(as: "amina", marker: "audit")
        #expect(try w.run(["case", "advance", reference, "--to", "acknowledged", "--reason", "called back"], as: "amina").status == 0)
        let checkpoint = w.folder.appendingPathComponent("checkpoint.txt").path
        let signed = try w.run(["audit", "checkpoint", "--out", checkpoint], as: "rosa")
        #expect(signed.status == 0, "\(signed.standardError)")
        #expect(signed.standardOutput.hasPrefix("grievance/"))
        #expect(try w.run(["case", "show", reference], as: "amina").status == 0)
        return (w, checkpoint)
    }

    @Test("an intact log verifies, with the held checkpoint; the export verifies with the Python verifier too")
    func intact() throws {
        let (w, checkpoint) = try Self.setUp()
        defer { w.remove() }
        let verify = try w.run(["audit", "verify", "--checkpoint", checkpoint])
        #expect(verify.status == 0, "\(verify.standardError)")
        #expect(verify.standardOutput.hasPrefix("ok: "))
        #expect(verify.standardOutput.contains("2 checkpoints"))  // the one kept and the one held

        let export = w.folder.appendingPathComponent("audit.txt").path
        #expect(try w.run(["audit", "export", "--out", export]).status == 0)
        let key = try w.run(["audit", "key"]).standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let script = PolicyCheckTests.shipped.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/verify-audit-export.py").path
        python.arguments = ["python3", script, export, "--log-key", key, "--checkpoint", checkpoint]
        let output = Pipe()
        python.standardOutput = output
        try python.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        python.waitUntilExit()
        #expect(python.terminationStatus == 0)
        #expect(text.hasPrefix("ok: "))
    }

    @Test("a row changed after dropping the trigger: verify fails and names the entry")
    func changedRow() throws {
        let (w, _) = try Self.setUp()
        defer { w.remove() }
        // Append-only holds until someone with the database's password removes the guard.
        #expect(throws: (any Error).self) { try w.raw().execute("UPDATE audit_entries SET entry = entry WHERE seq = 3") }
        try w.raw().transaction { tables in
            try tables.execute(w.dropAppendOnly("audit_entries", "UPDATE"), [])
            var altered = try #require(try tables.rows("SELECT entry FROM audit_entries WHERE seq = 3", []).first?["entry"]?.bytes)
            altered[altered.count - 1] ^= 0x01
            #expect(try tables.execute("UPDATE audit_entries SET entry = ? WHERE seq = 3", [.bytes(altered)]) == 1)
        }
        let verify = try w.run(["audit", "verify"])
        #expect(verify.status == CLIExitStatus.verificationFailed.rawValue)
        #expect(verify.standardError.contains("grievance-cli: error: the audit log does not verify: hash mismatch at 3"))
        #expect(verify.standardError.contains("grievance-cli: hint: "))
        let json = try w.run(["audit", "verify", "--json"])
        #expect(json.status == CLIExitStatus.verificationFailed.rawValue)
        #expect((try json.json() as? [String: Any])?["failure"] as? String == "hash mismatch at 3")
    }

    @Test("entries cut off the end, with the log's own checkpoints and tree nodes: verify fails")
    func truncated() throws {
        let (w, checkpoint) = try Self.setUp()
        defer { w.remove() }
        let held = try String(contentsOfFile: checkpoint, encoding: .utf8)
        let size = try #require(Int(held.split(separator: "\n")[1]))
        try w.raw().transaction { tables in
            for table in ["audit_entries", "audit_nodes", "audit_checkpoints"] {
                try tables.execute(w.dropAppendOnly(table, "DELETE"), [])
            }
            try tables.execute("DELETE FROM audit_checkpoints", [])
            #expect(try tables.execute("DELETE FROM audit_entries WHERE seq >= ?", [.integer(Int64(size - 2))]) >= 2)
            try tables.execute("DELETE FROM audit_nodes", [])
        }
        let verify = try w.run(["audit", "verify", "--checkpoint", checkpoint])
        #expect(verify.status == CLIExitStatus.verificationFailed.rawValue)
        #expect(verify.standardError.contains("the audit log does not verify"))
    }
}
