import ArgumentParser
import Cases
import Foundation

struct ExportAuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the whole log, with its checkpoints, for offline verification by a third party.",
        discussion: """
            The export holds no case content. Anyone can check it with the log's key alone \
            (`grievance-cli audit key`), e.g. with scripts/verify-audit-export.py; see docs/AUDIT-FORMAT.md.
            """)

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption

    @Option(help: ArgumentHelp("The new file to write (default: standard output).", valueName: "FILE"), completion: .file())
    var out: String?

    func run() throws {
        if let out, FileManager.default.fileExists(atPath: out) { throw FileError(path: out, code: .exists) }
        let administration = try directory.open().administration
        var progress = ProgressLine("exported entries:", quiet: out == nil)
        let handle: FileHandle
        if let out {
            try OwnerOnlyFile.write([], to: out)
            guard let opened = FileHandle(forWritingAtPath: out) else { throw FileError(path: out, code: .cannotWrite("it cannot be opened")) }
            handle = opened
        } else {
            handle = FileHandle.standardOutput
        }
        var buffer = Data()
        let count = try administration.exportAudit(progress: { progress.update($0) }) { line in
            buffer.append(contentsOf: line.utf8)
            if buffer.count >= 1 << 20 {
                try handle.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: buffer)
        if out != nil { try handle.synchronize() }
        progress.finish()
        if let out {
            print("Exported \(count) entries to \(out).")
        }
    }
}
