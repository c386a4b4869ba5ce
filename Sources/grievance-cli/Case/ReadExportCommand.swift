import ArgumentParser
import Cases
import Foundation

struct ReadExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read-export",
        abstract: "Decrypt a bundle written by `case export` and print its JSON.",
        discussion: "Needs no data directory: only the file and its passphrase (asked without echo, or GRIEVANCE_EXPORT_PASSPHRASE).")

    @Argument(help: "The encrypted bundle.", completion: .file())
    var file: String

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else { throw FileError(path: file, code: .cannotRead("it cannot be opened")) }
        let passphrase = try PassphraseReader.read(environment: "GRIEVANCE_EXPORT_PASSPHRASE", prompt: "Passphrase for \(file): ")
        try CaseExport.open([UInt8](data), path: file, passphrase: passphrase, Output.write)
        print()
    }
}
