import ArgumentParser
import Foundation
import GrievanceCrypto

struct ReadExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read-export",
        abstract: "Decrypt a bundle written by `case export` and print its JSON.",
        discussion: "Needs no data directory: only the file and its passphrase (asked without echo, or GRIEVANCE_EXPORT_PASSPHRASE).")

    @Argument(help: "The encrypted bundle.", completion: .file())
    var file: String

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CLIFailure(message: "cannot read \(file)", hint: "check the path")
        }
        let sealed: WrappedSecret
        do {
            sealed = try WrappedSecret(serialized: [UInt8](data))
        } catch {
            throw CLIFailure(message: "\(file) is not an encrypted case export", hint: "a --plain export is JSON already; open it as text")
        }
        let passphrase = try PassphraseReader.read(environment: "GRIEVANCE_EXPORT_PASSPHRASE", prompt: "Passphrase for \(file): ")
        let json: SecureBytes
        do {
            json = try sealed.unwrap(passphrase: passphrase, purpose: ExportCaseCommand.purpose)
        } catch {
            throw CLIFailure(message: "wrong passphrase, or the file was altered", hint: "ask whoever made the export for its passphrase")
        }
        json.withUnsafeBytes { FileHandle.standardOutput.write(Data($0)) }
        print()
    }
}
