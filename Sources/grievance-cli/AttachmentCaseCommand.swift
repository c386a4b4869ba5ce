import ArgumentParser
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

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The case reference.")
    var reference: String

    @Argument(help: "The attachment's number, as `case show` lists it.")
    var number: UInt64

    @Option(help: ArgumentHelp("The new file to write.", valueName: "FILE"), completion: .file())
    var out: String

    func run() throws {
        guard !FileManager.default.fileExists(atPath: out) else {
            throw CLIFailure(message: "\(out) already exists", hint: "give a new file name; nothing is overwritten")
        }
        let session = try global.session()
        try OwnerOnlyFile.write([], to: out)
        guard let handle = FileHandle(forWritingAtPath: out) else { throw CLIFailure(message: "cannot open \(out)", hint: nil) }
        do {
            let info = try session.service.readAttachment(reference.uppercased(), sequence: number, as: session.actor) { bytes in
                try handle.write(contentsOf: bytes)
            }
            try handle.synchronize()
            try handle.close()
            print("Wrote \(out): \(info.name), \(info.contentType), \(info.size) bytes.")
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: out)
            throw error
        }
    }
}
