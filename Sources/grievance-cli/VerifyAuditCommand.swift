import ArgumentParser
import AuditLog
import Cases
import Foundation

struct VerifyAuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Recompute the whole log's chain and tree, and check every checkpoint.",
        discussion: """
            Checks every entry's hash and link, every stored tree node, every checkpoint the log \
            kept and every one given with --checkpoint (checkpoints kept apart from the server — by \
            the Executive Committee, a witness — are what reveal a log rewritten with its own \
            checkpoints). Names the first entry that fails and exits 1. Needs no passphrase.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("checkpoint"), help: ArgumentHelp("A checkpoint kept apart (from `audit checkpoint --out`); repeat for several.",
                                                                valueName: "FILE"), completion: .file())
    var checkpoints: [String] = []

    @Option(name: .customLong("witness-key"), help: ArgumentHelp("A witness's key (vkey) whose cosignatures to check; repeat.", valueName: "VKEY"))
    var witnessKeys: [String] = []

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() throws {
        let held = try checkpoints.map { path -> SignedNote in
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw CLIFailure(message: "cannot read \(path)", hint: "give a checkpoint file written by `audit checkpoint --out FILE`")
            }
            do {
                return try SignedNote(parsing: text)
            } catch {
                throw CLIFailure(message: "\(path) is not a signed checkpoint: \(error)", hint: "give a file written by `audit checkpoint --out FILE`")
            }
        }
        let witnesses = try witnessKeys.map { vkey -> NoteVerifierKey in
            do {
                return try NoteVerifierKey(parsing: vkey)
            } catch {
                throw CLIFailure(message: "--witness-key \(vkey): \(error)", hint: "give the witness's key as name+id+base64")
            }
        }
        let service = try global.open().service
        var progress = ProgressLine("verified entries:", quiet: json)
        let report = try service.verifyAudit(witnessKeys: witnesses, held: held) { progress.update($0) }
        progress.finish()
        if json {
            Output.json([
                "valid": report.isValid, "entries": report.entries, "root": report.root.hex,
                "checkpoints_checked": report.checkpointsChecked, "cosignatures_checked": report.cosignaturesChecked,
                "failure": Output.optional(report.failure?.description),
            ])
            if !report.isValid { throw ExitCode(1) }
            return
        }
        guard let failure = report.failure else {
            print("ok: \(report.entries) entries, root \(report.root.hex); \(report.checkpointsChecked) checkpoints and "
                  + "\(report.cosignaturesChecked) cosignatures checked")
            return
        }
        throw CLIFailure(message: "the audit log does not verify: \(failure)",
                         hint: "the database was altered outside Grievance; keep a copy as evidence and restore from a backup")
    }
}
