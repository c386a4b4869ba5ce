import ArgumentParser
import Cases
import Foundation

struct AttachmentCaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attachment",
        abstract: "Decrypt a file the reporter attached and write it to a new file (mode 0600).",
        discussion: """
            `case show REF` lists the attachments with their numbers. The file is checked whole \
            while it is decrypted: if any part was altered or is missing, nothing is left behind \
            and the command fails. The read is recorded in the audit log. Open the file with care: \
            it came from outside.
            """)

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption

    @Argument(help: "The case reference.")
    var reference: CaseReference

    @Argument(help: "The attachment's number, as `case show` lists it.")
    var number: UInt64

    @Option(help: ArgumentHelp("The new file to write.", valueName: "FILE"), completion: .file())
    var out: String

    func run() throws {
        guard !FileManager.default.fileExists(atPath: out) else { throw FileError(path: out, code: .exists) }
        let session = try actor.session(in: directory)
        try OwnerOnlyFile.write([], to: out)
        guard let handle = FileHandle(forWritingAtPath: out) else { throw FileError(path: out, code: .cannotWrite("it cannot be opened")) }
        do {
            let info = try session.casework.readAttachment(reference, sequence: number, as: session.actor) { bytes in
                try handle.write(contentsOf: bytes)
            }
            try handle.synchronize()
            try handle.close()
            print("Wrote \(out): \(TerminalText.line(info.name)), \(TerminalText.line(info.contentType)), \(info.size) bytes.")
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: out)
            throw error
        }
    }
}
