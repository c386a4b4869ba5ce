import ArgumentParser
import Cases
import Foundation
import GrievanceCrypto

struct ExportCaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a whole case to a file, encrypted under a passphrase (or --plain), for a lawyer or an authority.",
        discussion: """
            The bundle is the JSON of `case show --json`. Encrypted (the default), it is sealed with \
            XChaCha20-Poly1305 under an Argon2id key from a passphrase asked twice without echo (or \
            GRIEVANCE_EXPORT_PASSPHRASE); tell the recipient the passphrase by another channel. They \
            read it with `grievance-cli case read-export FILE`. The export is recorded in the audit log.
            """)

    static let purpose = "grievance/v1/case-export"

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The case reference.")
    var reference: String

    @Option(help: ArgumentHelp("The new file to write (mode 0600); with --plain, '-' writes to standard output.", valueName: "FILE"),
            completion: .file())
    var out: String

    @Flag(help: "Write the JSON unencrypted.")
    var plain = false

    func run() throws {
        if out != "-", FileManager.default.fileExists(atPath: out) {
            throw CLIFailure(message: "\(out) already exists", hint: "give a new file name; exports never overwrite")
        }
        guard plain || out != "-" else {
            throw CLIFailure(message: "an encrypted export goes to a file", hint: "give --out FILE, or add --plain to print the JSON")
        }
        let session = try global.session()
        let passphrase = plain ? nil : try PassphraseReader.readNew(environment: "GRIEVANCE_EXPORT_PASSPHRASE", prompt: "Passphrase for the export: ")
        let view = try session.service.exportCase(reference.uppercased(), as: session.actor)
        var bundle = CaseRendering.view(view, procedure: session.service.procedure, now: Date())
        bundle["format"] = "grievance-case-export/v1"
        bundle["exported_by"] = session.actor.id
        bundle["exported_at"] = Output.timestamp(Date())
        let json = try JSONSerialization.data(withJSONObject: bundle, options: [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted])
        if let passphrase {
            let sealed = try WrappedSecret.wrap(SecureBytes(copying: json), passphrase: passphrase, purpose: Self.purpose)
            try OwnerOnlyFile.write(sealed.serialized, to: out)
            print("Exported \(view.summary.reference), encrypted, to \(out).")
        } else if out == "-" {
            FileHandle.standardOutput.write(json + Data("\n".utf8))
        } else {
            try OwnerOnlyFile.write([UInt8](json) + [0x0A], to: out)
            print("Exported \(view.summary.reference), unencrypted, to \(out). Delete it when it has been handed over.")
        }
    }
}
