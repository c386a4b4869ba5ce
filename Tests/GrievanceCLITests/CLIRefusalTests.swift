import Cases
import Foundation
import Testing

@testable import grievance_cli

@Suite("grievance-cli: every refusal is one error line, one hint, the exit status of its kind, and logged")
struct CLIRefusalTests {
    /// Two handlers, an investigator and an executive, and a case routed to the handlers.
    static func setUp() throws -> (CLIWorkspace, reference: String) {
        let w = try CLIWorkspace.initialised(roster: [("amina", [.handler]), ("bruno", [.handler]), ("ivan", [.investigator]), ("exec", [.executive])])
        return (w, try w.file(as: "amina", marker: "refusals").reference)
    }

    static func expectRefusal(_ result: CLIWorkspace.Result, _ message: String, status: CLIExitStatus = .refused,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == status.rawValue, "\(result.standardError)", sourceLocation: sourceLocation)
        let lines = result.standardError.split(separator: "\n")
        #expect(lines.count == 2, "\(result.standardError)", sourceLocation: sourceLocation)
        #expect(lines.first?.hasPrefix("grievance-cli: error: ") == true, sourceLocation: sourceLocation)
        #expect(lines.first?.contains(message) == true, "\(result.standardError)", sourceLocation: sourceLocation)
        #expect(lines.last?.hasPrefix("grievance-cli: hint: ") == true, sourceLocation: sourceLocation)
        #expect(result.standardOutput.isEmpty, sourceLocation: sourceLocation)
    }

    /// The number of `access.denied` entries in the log, read from an export.
    static func denials(_ w: CLIWorkspace) throws -> Int {
        let export = try w.run(["audit", "export"])
        return export.standardOutput.split(separator: "\n").filter { line in
            line.hasPrefix("entry ") && Data(base64Encoded: String(line.dropFirst(6)))?.range(of: Data("access.denied".utf8)) != nil
        }.count
    }

    @Test("wrong role: an executive reads no case and adds nobody; a handler signs no checkpoint")
    func wrongRole() throws {
        let (w, reference) = try Self.setUp()
        defer { w.remove() }
        Self.expectRefusal(try w.run(["case", "show", reference], as: "exec"), "not allowed: 'executive' never sees case content")
        Self.expectRefusal(try w.run(["handler", "add", "mallory", "--name", "M", "--role", "admin"], as: "amina",
                                     environment: ["GRIEVANCE_NEW_PASSPHRASE": "mallory passphrase 1"]),
                           "not allowed: adding people is for administrators")
        Self.expectRefusal(try w.run(["audit", "checkpoint"], as: "amina"), "not allowed: signing checkpoints of the log is for administrators")
        Self.expectRefusal(try w.run(["case", "open", "--category", "harassment", "--channel", "email", "--description", "x"], as: "rosa"),
                           "not allowed: filing a report on someone's behalf is not for 'admin'")
        #expect(try Self.denials(w) == 4)
        #expect(try w.run(["audit", "verify"]).status == 0)
    }

    @Test("wrong passphrase: refused, logged, and the passphrase never printed")
    func wrongPassphrase() throws {
        let (w, _) = try Self.setUp()
        defer { w.remove() }
        let attempt = "a wrong passphrase \(UUID().uuidString)"
        let result = try w.run(["case", "list"], as: "amina", passphrase: attempt)
        Self.expectRefusal(result, "wrong passphrase")
        #expect(!result.standardError.contains(attempt))
        #expect(try Self.denials(w) == 1)
    }

    @Test("an excluded handler holds no key and cannot be assigned; an unassigned investigator reads nothing")
    func exclusionAndAssignment() throws {
        let (w, routed) = try Self.setUp()
        defer { w.remove() }
        let (excludedCase, _) = try w.file(as: "amina", marker: "excluded", extra: ["--exclude", "bruno"])
        Self.expectRefusal(try w.run(["case", "show", excludedCase], as: "bruno"), "is neither routed nor assigned to you")
        let assign = try w.run(["case", "assign", excludedCase, "--to", "bruno"], as: "amina")
        Self.expectRefusal(assign, "bruno cannot be given the case: excluded from the case (a conflict of interest)")
        // Bruno still works the case he was routed; excluding him later takes his key away.
        #expect(try w.run(["case", "show", routed], as: "bruno").status == 0)
        #expect(try w.run(["case", "exclude", routed, "--handler", "bruno", "--yes"], as: "amina").status == 0)
        Self.expectRefusal(try w.run(["case", "show", routed], as: "bruno"), "is neither routed nor assigned to you")

        Self.expectRefusal(try w.run(["case", "show", routed], as: "ivan"), "investigators work only the cases assigned to them")
        Self.expectRefusal(try w.run(["case", "note", routed, "--text", "x"], as: "ivan"), "investigators work only the cases assigned to them")
        #expect(try w.run(["case", "assign", routed, "--to", "ivan"], as: "amina").status == 0)
        #expect(try w.run(["case", "note", routed, "--text", "interview done"], as: "ivan").status == 0)
        // An investigator moves nothing the procedure keeps for handlers.
        Self.expectRefusal(try w.run(["case", "advance", routed, "--to", "acknowledged", "--reason", "x"], as: "ivan"),
                           "stage change refused")
        #expect(try Self.denials(w) == 6)
    }

    @Test("the procedure refuses a skipped stage; a missing case, person or data directory is named")
    func procedureAndMissingThings() throws {
        let (w, reference) = try Self.setUp()
        defer { w.remove() }
        Self.expectRefusal(try w.run(["case", "advance", reference, "--to", "closed", "--reason", "skip"], as: "amina"),
                           "stage change refused: the procedure does not allow received → closed")
        Self.expectRefusal(try w.run(["case", "show", "GRV-00000000"], as: "amina"), "no case GRV-00000000", status: .notFound)
        Self.expectRefusal(try w.run(["case", "list"], as: "nobody"), "no person with id nobody", status: .notFound)
        Self.expectRefusal(try w.run(["case", "list"], as: "amina", environment: ["GRIEVANCE_DATA_DIR": w.folder.appendingPathComponent("nope").path]),
                           "no data directory at", status: .couldNotRun)
        let empty = w.folder.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        Self.expectRefusal(try w.run(["case", "list"], as: "amina", environment: ["GRIEVANCE_DATA_DIR": empty.path]),
                           "is not an initialised Grievance data directory", status: .couldNotRun)
        Self.expectRefusal(try w.run(["case", "list"]), "say who you are", status: .usage)
        Self.expectRefusal(try w.run(["case", "note", reference, "--text", "   "], as: "amina"), "the note must not be empty", status: .usage)
        // No terminal and no GRIEVANCE_PASSPHRASE: a clear refusal, not a hang.
        Self.expectRefusal(try w.run(["case", "list", "--as", "amina"], environment: ["GRIEVANCE_AS": "amina"]), "no passphrase", status: .usage)
    }

    @Test("a data directory other users can read is refused until it is made private again")
    func exposedDataDirectory() throws {
        let (w, _) = try Self.setUp()
        defer { w.remove() }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: w.dataDirectory.path)
        Self.expectRefusal(try w.run(["handler", "list"]), "can be read by other users of this machine (mode 755)", status: .couldNotRun)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: w.dataDirectory.path)
        #expect(try w.run(["handler", "list"]).status == 0)
    }
}
