import ArgumentParser
import Cases
import Foundation

struct VerifyAuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Recompute the whole log's chain and tree, and check it against what you saw before.",
        discussion: """
            Checks every entry's hash and link, every stored tree node, every checkpoint the log \
            kept and every one given with --checkpoint. Needs no passphrase.

            Whoever can write the data directory can rewrite the log whole, checkpoints and key \
            included, so what proves something is what comes from outside it: the log key given \
            with --log-key, checkpoints kept apart (--checkpoint), and your own state. The first \
            time you verify a data directory, its log key and the tree head just recomputed are \
            kept in $XDG_STATE_HOME/grievance (by default ~/.local/state/grievance); every later \
            run refuses a log whose key changed or that no longer extends that tree head — a log \
            truncated or rewritten after you looked. Names the first failure and exits with status 65 \
            (verification failed).
            """)

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption
    @OptionGroup var output: JSONOption

    @Option(name: .customLong("log-key"), help: ArgumentHelp("The log's key (vkey, from `audit key`), kept apart from the server; refuse a log under another.",
                                                            valueName: "VKEY"))
    var logKey: String?

    @Option(name: .customLong("checkpoint"), help: ArgumentHelp("A checkpoint kept apart (from `audit checkpoint --out`); repeat for several.",
                                                                valueName: "FILE"), completion: .file())
    var checkpoints: [String] = []

    @Option(name: [.customLong("witness"), .customLong("witness-key")],
            help: ArgumentHelp("A witness's key (vkey, printed by `audit cosign`) whose cosignatures to check; repeat.", valueName: "VKEY"))
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
        let given = try logKey.map(LogVerifierKey.init(parsing:))
        let administration = try directory.open().administration
        var pins = try Pins(for: directory, origin: try administration.storedLogKey().origin)
        let remembered = try pins.logKey
        if let given, let remembered, given != remembered {
            throw CLIFailure(.doesNotVerify, message: "the log key given is not the one you pinned for this data directory (\(remembered))",
                             hint: "check the key you were given; if the organisation really began a new log, remove this data directory's entry from \(pins.filePath)")
        }
        var progress = ProgressLine("verified entries:", quiet: output.enabled)
        let report = try administration.verifyAudit(pinned: given ?? remembered, witnessKeys: witnesses, held: held,
                                                    remembered: try pins.verified) { progress.update($0) }
        progress.finish()
        if let head = report.treeHead {
            try pins.remember(logKey: report.logKey, verified: head)
        }
        if output.enabled {
            try Output.json(report)
            if !report.isValid { throw CLIFailure.alreadyShown(.doesNotVerify) }
            return
        }
        guard let failure = report.failure else {
            print("ok: \(report.entries) entries, root \(report.root); \(report.checkpointsChecked) checkpoints and "
                  + "\(report.cosignaturesChecked) cosignatures checked")
            if let size = report.rememberedSize {
                print("it extends the log you verified before at \(size) entries, under the key you pinned")
            } else if report.isInternalOnly {
                print("""
                    note: nothing from outside the data directory was checked, so this proves only that the log \
                    is consistent in itself. Its key and tree head are now kept in \(pins.filePath); from now on \
                    `audit verify` refuses a log that does not extend them. Compare the key with the one \
                    `init` printed: \(report.logKey)
                    """)
            }
            return
        }
        throw CLIFailure(.doesNotVerify, message: "the audit log does not verify: \(failure)",
                         hint: "the database was altered outside Grievance; keep a copy as evidence and restore from a backup")
    }
}
