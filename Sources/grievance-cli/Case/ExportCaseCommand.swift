import ArgumentParser
import Cases
import Foundation

struct ExportCaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a whole case to a file, encrypted under a passphrase (or --plain), for a lawyer or an authority.",
        discussion: """
            The bundle is the JSON of `case show --json` with who exported it and when \
            (docs/FILE-FORMATS.md). Encrypted (the default), it is sealed with XChaCha20-Poly1305 \
            under an Argon2id key from a passphrase asked twice without echo (or \
            GRIEVANCE_EXPORT_PASSPHRASE, or the file GRIEVANCE_EXPORT_PASSPHRASE_FILE names); tell the recipient the passphrase by another channel. They \
            read it with `grievance-cli case read-export FILE`. The export is recorded in the audit log.
            """)

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption

    @Argument(help: "The case reference.")
    var reference: CaseReference

    @Option(help: ArgumentHelp("The new file to write (mode 0600); with --plain, '-' writes to standard output.", valueName: "FILE"),
            completion: .file())
    var out: String

    @Flag(help: "Write the JSON unencrypted.")
    var plain = false

    func run() throws {
        if out != "-", FileManager.default.fileExists(atPath: out) { throw FileError(path: out, code: .exists) }
        guard plain || out != "-" else {
            throw CLIFailure(.missing, message: "an encrypted export goes to a file", hint: "give --out FILE, or add --plain to print the JSON")
        }
        let session = try actor.session(in: directory)
        let passphrase = plain ? nil : try PassphraseReader.readNew(environment: "GRIEVANCE_EXPORT_PASSPHRASE", prompt: "Passphrase for the export: ")
        let bytes = try session.casework.export(reference, as: session.actor, sealedWith: passphrase)
        if out == "-" {
            FileHandle.standardOutput.write(Data(bytes))
            return
        }
        try OwnerOnlyFile.write(bytes, to: out)
        print(plain ? "Exported \(reference), unencrypted, to \(out). Delete it when it has been handed over."
                    : "Exported \(reference), encrypted, to \(out).")
    }
}
