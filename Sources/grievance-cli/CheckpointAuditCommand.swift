import ArgumentParser
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

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Also write the signed note to this new file.", valueName: "FILE"), completion: .file())
    var out: String?

    func run() throws {
        if let out, FileManager.default.fileExists(atPath: out) {
            throw CLIFailure(message: "\(out) already exists", hint: "give a new file name")
        }
        let session = try global.session()
        let note = try session.service.signCheckpoint(by: session.actor)
        if let out { try OwnerOnlyFile.write(Array(note.serialized.utf8), to: out) }
        print(note.serialized, terminator: "")
    }
}
