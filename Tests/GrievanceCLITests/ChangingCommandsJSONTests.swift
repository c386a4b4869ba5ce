import Foundation
import Testing

@testable import grievance_cli

/// Every command that changes something takes `--json` and prints one object a script can use;
/// the shapes that existed before (init, handler add and recover, case open, hold and release,
/// audit cosign, backup, retention) are as they were.
@Suite("grievance-cli --json on every command that changes something")
struct ChangingCommandsJSONTests {
    /// Runs `arguments` (with --json) and returns the object it printed, failing the test if it
    /// did not succeed or printed anything but one JSON object.
    static func object(_ w: CLIWorkspace, _ arguments: [String], as actor: String? = nil, environment: [String: String] = [:],
                       sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let result = try w.run(arguments + ["--json"], as: actor, environment: environment)
        #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result.standardError)", sourceLocation: sourceLocation)
        return try #require(try result.json() as? [String: Any], "\(arguments.joined(separator: " ")): \(result.standardOutput)",
                            sourceLocation: sourceLocation)
    }

    @Test("init, enrol, handler, event, case, audit, summary, backup and retention each print an object with what a script needs next")
    func everyChangingCommand() throws {
        var w = try CLIWorkspace()
        defer { w.remove() }
        let rosaPassphrase = CLIWorkspace.newPassphrase(for: "rosa")
        let initialised = try Self.object(w, ["init", "--org", "JSON Workers", "--admin", "rosa", "--policy", CLIWorkspace.shippedPolicy,
                                              "--key-cost", "interactive", "--recovery-key-out", w.recoveryKeyFile.path],
                                          environment: ["GRIEVANCE_PASSPHRASE": rosaPassphrase])
        #expect(initialised["admin"] as? String == "rosa")
        #expect(initialised["recovery_key_file"] as? String == w.recoveryKeyFile.path)
        w.passphrases["rosa"] = rosaPassphrase

        let added = try Self.object(w, ["handler", "add", "amina", "--name", "Amina", "--role", "handler"], as: "rosa")
        #expect(Set(added.keys) == ["id", "enrolment_code"])
        let aminaPassphrase = CLIWorkspace.newPassphrase(for: "amina")
        let enrolled = try Self.object(w, ["enrol", "--as", "amina", "--code", try #require(added["enrolment_code"] as? String)],
                                       environment: ["GRIEVANCE_NEW_PASSPHRASE": aminaPassphrase])
        #expect(enrolled["id"] as? String == "amina")
        #expect((enrolled["fingerprint"] as? String)?.count == 32)
        w.passphrases["amina"] = aminaPassphrase
        try w.add("bruno", roles: ["handler"])
        try w.add("ivan", roles: ["investigator"])
        try w.add("audi", roles: ["auditor"])

        let event = try Self.object(w, ["event", "add", "congress-2027", "--name", "Congress", "--type", "congress", "--starts", "2027-05-10",
                                        "--ends", "2027-05-14", "--online"], as: "rosa")
        #expect(event["slug"] as? String == "congress-2027")
        #expect((event["intake_link"] as? String)?.hasSuffix("/e/congress-2027") == true)

        let opened = try Self.object(w, ["case", "open", "--category", "harassment", "--channel", "hotline", "--description", "what happened",
                                         "--event", "congress-2027"], as: "amina")
        let reference = try #require(opened["reference"] as? String)
        #expect(Set(opened.keys) == ["reference", "receipt", "stage"])
        let assigned = try Self.object(w, ["case", "assign", reference, "--to", "ivan"], as: "amina")
        #expect(assigned["reference"] as? String == reference && assigned["assigned_to"] as? String == "ivan")
        let advanced = try Self.object(w, ["case", "advance", reference, "--to", "acknowledged", "--reason", "called back"], as: "amina")
        #expect(advanced["reference"] as? String == reference && advanced["stage"] as? String == "acknowledged")
        #expect(try Self.object(w, ["case", "note", reference, "--text", "a note"], as: "amina")["kind"] as? String == "note")
        #expect(try Self.object(w, ["case", "message", reference, "--text", "a message"], as: "amina")["kind"] as? String == "message-to-reporter")
        #expect(try Self.object(w, ["case", "hold", reference, "--reason", "proceedings"], as: "amina")["held"] as? String == "true")
        #expect(try Self.object(w, ["case", "release", reference], as: "amina")["held"] as? String == "false")
        let excluded = try Self.object(w, ["case", "exclude", reference, "--handler", "bruno", "--yes"], as: "amina")
        #expect(excluded["reference"] as? String == reference && excluded["excluded"] as? String == "bruno")

        let roles = try Self.object(w, ["handler", "set-roles", "bruno", "--role", "safeguarding-lead", "--role", "handler"], as: "rosa")
        #expect(roles["id"] as? String == "bruno" && roles["roles"] as? [String] == ["handler", "safeguarding-lead"])
        let fresh = "amina's fresh passphrase \(UUID().uuidString)"
        let rotated = try Self.object(w, ["handler", "rotate-key"], as: "amina", environment: ["GRIEVANCE_NEW_PASSPHRASE": fresh])
        #expect(rotated["id"] as? String == "amina" && rotated["fingerprint"] as? String != enrolled["fingerprint"] as? String)
        w.passphrases["amina"] = fresh
        let disabled = try Self.object(w, ["handler", "disable", "bruno", "--yes"], as: "rosa")
        #expect(disabled["id"] as? String == "bruno" && disabled["disabled"] as? Bool == true)
        let recovered = try Self.object(w, ["handler", "recover", "ivan", "--recovery-key", w.recoveryKeyFile.path])
        #expect(Set(recovered.keys) == ["id", "enrolment_code"])

        let checkpoint = try Self.object(w, ["audit", "checkpoint"], as: "rosa")
        #expect((checkpoint["checkpoint"] as? String)?.hasPrefix("grievance/") == true)
        #expect((checkpoint["size"] as? Int ?? 0) > 10)
        let cosigned = try Self.object(w, ["audit", "cosign"], as: "audi")
        #expect(cosigned["size"] as? Int == checkpoint["size"] as? Int)
        #expect((cosigned["witness_key"] as? String)?.contains("/witness/audi+") == true)

        let summaryFile = w.folder.appendingPathComponent("summary.md").path
        let released = try Self.object(w, ["summary", "--period", "2026-Q3", "--out", summaryFile], as: "rosa")
        #expect(released["period"] as? String == "2026-Q3" && released["audience"] as? String == "executive")
        #expect(released["file"] as? String == summaryFile && (released["sha256"] as? String)?.count == 64)
        #expect(FileManager.default.fileExists(atPath: summaryFile))
        // Without --out the summary itself is the output: --json there is a usage mistake.
        #expect(try w.run(["summary", "--period", "2026-Q3", "--json"], as: "rosa").status == CLIExitStatus.usage.rawValue)

        let backup = w.folder.appendingPathComponent("backup.grievance").path
        let created = try Self.object(w, ["backup", "create", "--out", backup])
        #expect(created["file"] as? String == backup && created["cases"] as? Int == 1)
        let restoredTo = w.folder.appendingPathComponent("restored").path
        let restored = try Self.object(w, ["backup", "restore", backup, "--recovery-key", w.recoveryKeyFile.path, "--data-dir", restoredTo])
        #expect(restored["cases"] as? Int == 1)

        let retention = try Self.object(w, ["retention", "run", "--yes"], as: "rosa")
        #expect(retention["shredded"] as? [String] == [])
    }
}
