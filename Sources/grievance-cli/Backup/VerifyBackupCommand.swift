import ArgumentParser
import Cases
import Foundation

struct VerifyBackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a backup without restoring it.",
        discussion: """
            Decrypts it with the recovery key into a private temporary folder (removed afterwards), \
            checks every message, the files its manifest lists, the recovery key's endorsement and \
            the whole audit log inside, and reports its cases and entries. With --org-key, a backup \
            of another organisation, or one forged whole, is refused.
            """)

    @Argument(help: ArgumentHelp("The backup file.", valueName: "FILE"), completion: .file())
    var file: String

    @Option(name: .customLong("recovery-key"), help: ArgumentHelp("The recovery key file `init` wrote.", valueName: "FILE"), completion: .file())
    var recoveryKey: String

    @OptionGroup var organisationKey: OrganisationKeyOption
    @OptionGroup var json: JSONOption

    func run() throws {
        let key = try RecoveryKey.read(from: recoveryKey)
        var progress = ProgressLine("bytes checked:", quiet: json.enabled)
        let report = try Backup.verify(file, recoveryKey: key, organisationKey: try organisationKey.pinned) { progress.update($0) }
        progress.finish()
        if json.enabled { return try Output.json(report) }
        print("\(file): a whole, authentic backup.")
        report.lines.forEach { print($0) }
    }
}
