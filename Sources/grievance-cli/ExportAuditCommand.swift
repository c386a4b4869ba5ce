import ArgumentParser
import Foundation

struct ExportAuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the whole log, with its checkpoints, for offline verification by a third party.",
        discussion: """
            The export holds no case content. Anyone can check it with the log's key alone \
            (`grievance-cli audit key`), e.g. with scripts/verify-audit-export.py; see docs/AUDIT-FORMAT.md.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The new file to write (default: standard output).", valueName: "FILE"), completion: .file())
    var out: String?

    func run() throws {
        if let out, FileManager.default.fileExists(atPath: out) {
            throw CLIFailure(message: "\(out) already exists", hint: "give a new file name")
        }
        let service = try global.open().service
        var progress = ProgressLine("exported entries:", quiet: out == nil)
        let handle: FileHandle
        if let out {
            try OwnerOnlyFile.write([], to: out)
            guard let opened = FileHandle(forWritingAtPath: out) else { throw CLIFailure(message: "cannot open \(out)", hint: nil) }
            handle = opened
        } else {
            handle = FileHandle.standardOutput
        }
        var buffer = Data()
        let count = try service.exportAudit(progress: { progress.update($0) }) { line in
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
