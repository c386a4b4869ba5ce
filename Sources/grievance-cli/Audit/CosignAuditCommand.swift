import ArgumentParser
import Cases
import Foundation

struct CosignAuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cosign",
        abstract: "Witness the log: check its latest checkpoint extends what you cosigned before, and cosign it.",
        discussion: """
            For someone the operator does not control — an Executive Committee officer, an \
            external auditor. Checks that the latest signed checkpoint is signed by the log key \
            you pinned (on first use, or with --log-key) and, by a consistency proof, that it \
            extends the checkpoint you cosigned last time (kept in your own state, \
            $XDG_STATE_HOME/grievance); then signs it with your own key (C2SP tlog-cosignature) \
            and keeps the cosignature beside the checkpoint. Prints the cosigned checkpoint and \
            your witness key, which anyone checks with `audit verify --witness VKEY`. A log \
            rewritten or truncated since you last cosigned is refused.
            """)

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption
    @OptionGroup var output: JSONOption

    @Option(name: .customLong("log-key"), help: ArgumentHelp("The log's key (vkey), kept apart from the server.", valueName: "VKEY"))
    var logKey: String?

    @Option(help: ArgumentHelp("Also write the cosigned checkpoint to this new file.", valueName: "FILE"), completion: .file())
    var out: String?

    struct Printed: Encodable {
        let checkpoint: String
        let witnessKey: String
        let size: UInt64

        enum CodingKeys: String, CodingKey {
            case checkpoint, size
            case witnessKey = "witness_key"
        }
    }

    func run() throws {
        if let out, FileManager.default.fileExists(atPath: out) { throw FileError(path: out, code: .exists) }
        let given = try logKey.map(LogVerifierKey.init(parsing:))
        let session = try actor.session(in: directory)
        let stored = try session.administration.storedLogKey()
        var pins = try Pins(for: directory, origin: stored.origin)
        let pinned = try pins.logKey
        if let given, let pinned, given != pinned {
            throw CLIFailure(.doesNotVerify, message: "the log key given is not the one you pinned for this data directory (\(pinned))",
                             hint: "check the key you were given; if the organisation really began a new log, remove this data directory's entry from \(pins.filePath)")
        }
        let cosigning = try session.administration.cosign(as: session.actor, logKey: given ?? pinned ?? stored, previous: try pins.cosigned)
        try pins.remember(logKey: (given ?? pinned ?? stored).description, cosigned: cosigning.treeHead)
        if let out { try OwnerOnlyFile.write(Array(cosigning.checkpoint.text.utf8), to: out) }
        if output.enabled {
            return try Output.json(Printed(checkpoint: cosigning.checkpoint.text, witnessKey: cosigning.witnessKey, size: cosigning.treeHead.size))
        }
        print(cosigning.checkpoint.text, terminator: "")
        FileHandle.standardError.write(Data("cosigned at \(cosigning.treeHead.size) entries; your witness key: \(cosigning.witnessKey)\n".utf8))
    }
}
