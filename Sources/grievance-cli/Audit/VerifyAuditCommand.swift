import ArgumentParser
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

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption
    @OptionGroup var output: JSONOption

    @Option(name: .customLong("checkpoint"), help: ArgumentHelp("A checkpoint kept apart (from `audit checkpoint --out`); repeat for several.",
                                                                valueName: "FILE"), completion: .file())
    var checkpoints: [String] = []

    @Option(name: .customLong("witness-key"), help: ArgumentHelp("A witness's key (vkey) whose cosignatures to check; repeat.", valueName: "VKEY"))
    var witnessKeys: [String] = []

    func run() throws {
        let held = try checkpoints.map { path -> SignedCheckpoint in
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw FileError(path: path, code: .cannotRead("give a checkpoint file written by `audit checkpoint --out FILE`"))
            }
            do {
                return try SignedCheckpoint(parsing: text)
            } catch {
                throw FileError(path: path, code: .unrecognised(expected: "a signed checkpoint (\(error))"))
            }
        }
        let witnesses = try witnessKeys.map(WitnessKey.init(parsing:))
        let administration = try directory.open().administration
        var progress = ProgressLine("verified entries:", quiet: output.enabled)
        let report = try administration.verifyAudit(witnessKeys: witnesses, held: held) { progress.update($0) }
        progress.finish()
        if output.enabled {
            try Output.json(report)
            if !report.isValid { throw ExitCode(1) }
            return
        }
        guard let failure = report.failure else {
            return print("ok: \(report.entries) entries, root \(report.root); \(report.checkpointsChecked) checkpoints and "
                         + "\(report.cosignaturesChecked) cosignatures checked")
        }
        throw CLIFailure(message: "the audit log does not verify: \(failure)",
                         hint: "the database was altered outside Grievance; keep a copy as evidence and restore from a backup")
    }
}
