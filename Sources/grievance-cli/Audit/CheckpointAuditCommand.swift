import ArgumentParser
import Cases
import Foundation

struct CheckpointAuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint",
        abstract: "Sign a checkpoint of the whole log with the log key (administrators only).",
        discussion: """
            Prints the signed note (origin, size, root hash, signature). Give a copy to someone who \
            does not run this server — the Executive Committee, an auditor — and verify later with \
            `audit verify --checkpoint FILE`: any rewrite or truncation of the log since then fails.
            """)

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption
    @OptionGroup var output: JSONOption

    @Option(help: ArgumentHelp("Also write the signed note to this new file.", valueName: "FILE"), completion: .file())
    var out: String?

    private struct Signed: Encodable {
        let checkpoint: String
        let size: UInt64?
        let file: String?
    }

    func run() throws {
        if let out, FileManager.default.fileExists(atPath: out) { throw FileError(path: out, code: .exists) }
        let session = try actor.session(in: directory)
        let checkpoint = try session.administration.signCheckpoint(by: session.actor)
        if let out { try OwnerOnlyFile.write(Array(checkpoint.text.utf8), to: out) }
        if output.enabled {
            // The note's second line is the log's size (C2SP signed note, docs/AUDIT-FORMAT.md).
            let size = checkpoint.text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().first.flatMap { UInt64($0) }
            return try Output.json(Signed(checkpoint: checkpoint.text, size: size, file: out))
        }
        print(checkpoint.text, terminator: "")
    }
}
