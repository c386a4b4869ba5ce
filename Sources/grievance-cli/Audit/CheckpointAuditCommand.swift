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

    @Option(help: ArgumentHelp("Also write the signed note to this new file.", valueName: "FILE"), completion: .file())
    var out: String?

    func run() throws {
        if let out, FileManager.default.fileExists(atPath: out) { throw FileError(path: out, code: .exists) }
        let session = try actor.session(in: directory)
        let checkpoint = try session.administration.signCheckpoint(by: session.actor)
        if let out { try OwnerOnlyFile.write(Array(checkpoint.text.utf8), to: out) }
        print(checkpoint.text, terminator: "")
    }
}
