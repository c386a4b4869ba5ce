import Foundation
import Testing

@testable import grievance_cli

/// `GRIEVANCE_PASSPHRASE_FILE` beside `GRIEVANCE_PASSPHRASE` (and `GRIEVANCE_NEW_PASSPHRASE_FILE`
/// for enrol): the file must be the user's own and nobody else's; one trailing newline is not
/// part of the passphrase.
@Suite("grievance-cli GRIEVANCE_PASSPHRASE_FILE and GRIEVANCE_NEW_PASSPHRASE_FILE")
struct PassphraseFileTests {
    /// Writes `text` to a new file in the workspace with `mode`.
    static func file(_ w: CLIWorkspace, _ name: String, _ text: String, mode: Int = 0o600) throws -> String {
        let path = w.folder.appendingPathComponent(name).path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: mode]))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    /// Runs as `id` with the passphrase from `file` alone (no GRIEVANCE_PASSPHRASE).
    static func run(_ w: CLIWorkspace, _ arguments: [String], as id: String, file: String, extra: [String: String] = [:]) throws -> CLIWorkspace.Result {
        try w.run(arguments, environment: ["GRIEVANCE_AS": id, "GRIEVANCE_PASSPHRASE_FILE": file].merging(extra) { _, new in new })
    }

    @Test("a private file unlocks, its trailing newline dropped; a second newline is part of the passphrase")
    func unlocks() throws {
        let w = try CLIWorkspace.initialised(roster: [("amina", [.handler])])
        defer { w.remove() }
        let passphrase = try #require(w.passphrases["amina"])
        let withNewline = try Self.file(w, "amina.pass", passphrase + "\n")
        let listed = try Self.run(w, ["case", "list"], as: "amina", file: withNewline)
        #expect(listed.status == 0, "\(listed.standardError)")
        let bare = try Self.file(w, "amina-bare.pass", passphrase)
        #expect(try Self.run(w, ["case", "list"], as: "amina", file: bare).status == 0)
        let twoNewlines = try Self.file(w, "amina-two.pass", passphrase + "\n\n")
        let wrong = try Self.run(w, ["case", "list"], as: "amina", file: twoNewlines)
        #expect(wrong.status == CLIExitStatus.refused.rawValue)
        #expect(wrong.standardError.contains("wrong passphrase"))
    }

    @Test("a file others can read or change, or someone else's, is refused before it is read; a missing one is not found; both variables is a usage mistake")
    func refusals() throws {
        let w = try CLIWorkspace.initialised(roster: [("amina", [.handler])])
        defer { w.remove() }
        let passphrase = try #require(w.passphrases["amina"])
        for mode in [0o640, 0o604, 0o620] {
            let exposed = try Self.file(w, "exposed-\(String(mode, radix: 8)).pass", passphrase + "\n", mode: mode)
            let result = try Self.run(w, ["case", "list"], as: "amina", file: exposed)
            #expect(result.status == CLIExitStatus.refused.rawValue, "\(String(mode, radix: 8)): \(result.standardError)")
            #expect(result.standardError.contains("can be read or changed by other users (mode \(String(mode, radix: 8)))"))
            #expect(result.standardError.contains("hint: run `chmod 600"))
        }
        // Refused before reading: no wrong passphrase was tried, so none is logged.
        #expect(try !w.auditText().contains("wrong-passphrase"))
        if geteuid() == 0 {
            let theirs = try Self.file(w, "theirs.pass", passphrase + "\n")
            #expect(chown(theirs, 65534, 65534) == 0)
            let result = try Self.run(w, ["case", "list"], as: "amina", file: theirs)
            #expect(result.status == CLIExitStatus.refused.rawValue)
            #expect(result.standardError.contains("belongs to another user"))
        }
        let missing = try Self.run(w, ["case", "list"], as: "amina", file: w.folder.appendingPathComponent("nowhere.pass").path)
        #expect(missing.status == CLIExitStatus.notFound.rawValue)
        #expect(missing.standardError.contains("cannot read the passphrase file"))
        let empty = try Self.run(w, ["case", "list"], as: "amina", file: try Self.file(w, "empty.pass", "\n"))
        #expect(empty.status == CLIExitStatus.usage.rawValue)
        #expect(empty.standardError.contains("is empty"))
        let both = try Self.run(w, ["case", "list"], as: "amina", file: try Self.file(w, "both.pass", passphrase),
                                extra: ["GRIEVANCE_PASSPHRASE": passphrase])
        #expect(both.status == CLIExitStatus.usage.rawValue)
        #expect(both.standardError.contains("both GRIEVANCE_PASSPHRASE and GRIEVANCE_PASSPHRASE_FILE are set"))
    }

    @Test("enrol takes the new passphrase from GRIEVANCE_NEW_PASSPHRASE_FILE, and the same file unlocks afterwards")
    func enrolFromFile() throws {
        var w = try CLIWorkspace.initialised()
        defer { w.remove() }
        let added = try w.run(["handler", "add", "amina", "--name", "Amina", "--role", "handler", "--json"], as: "rosa")
        let code = try #require((try added.json() as? [String: String])?["enrolment_code"])
        let file = try Self.file(w, "new.pass", "amina's passphrase from a file\n")
        let exposed = try Self.file(w, "new-exposed.pass", "amina's passphrase from a file\n", mode: 0o644)
        let refused = try w.run(["enrol", "--as", "amina", "--code", code], environment: ["GRIEVANCE_NEW_PASSPHRASE_FILE": exposed])
        #expect(refused.status == CLIExitStatus.refused.rawValue)
        let enrolled = try w.run(["enrol", "--as", "amina", "--code", code], environment: ["GRIEVANCE_NEW_PASSPHRASE_FILE": file])
        #expect(enrolled.status == 0, "\(enrolled.standardError)")
        w.passphrases["amina"] = "amina's passphrase from a file"
        #expect(try w.run(["case", "list"], as: "amina").status == 0)
        #expect(try Self.run(w, ["case", "list"], as: "amina", file: file).status == 0)
    }

    @Test("the help names the file variable")
    func documented() throws {
        let help = try CLIHelpTests.runSeparately(["--help"])
        #expect(help.standardOutput.contains("GRIEVANCE_PASSPHRASE_FILE"))
        #expect(try CLIHelpTests.runSeparately(["enrol", "--help"]).standardOutput.contains("GRIEVANCE_NEW_PASSPHRASE_FILE"))
    }
}
