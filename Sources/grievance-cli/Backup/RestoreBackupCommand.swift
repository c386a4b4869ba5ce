import ArgumentParser
import Cases
import Foundation

struct RestoreBackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore a backup as a new data directory.",
        discussion: """
            --data-dir must not exist, or be an empty folder: a live data directory is never \
            written over. The new directory appears only once everything in it has been checked \
            as `backup verify` checks it; its log then records the restore. Receipts given before \
            the backup work again. Entries made after the backup are not in it: anyone who kept a \
            later checkpoint will see the log end earlier (docs/OPERATIONS.md).
            """)

    @Argument(help: ArgumentHelp("The backup file.", valueName: "FILE"), completion: .file())
    var file: String

    @Option(name: .customLong("recovery-key"), help: ArgumentHelp("The recovery key file `init` wrote.", valueName: "FILE"), completion: .file())
    var recoveryKey: String

    @Option(name: .customLong("data-dir"), help: ArgumentHelp("The new data directory to make.", valueName: "DIR"), completion: .directory)
    var dataDirectory: String

    @OptionGroup var organisationKey: OrganisationKeyOption
    @OptionGroup var json: JSONOption

    func run() throws {
        let key = try RecoveryKey.read(from: recoveryKey)
        var progress = ProgressLine("bytes restored:", quiet: json.enabled)
        let report = try Backup.restore(file, recoveryKey: key, to: dataDirectory, organisationKey: try organisationKey.pinned, progress: { progress.update($0) })
        progress.finish()
        if json.enabled { return try Output.json(report) }
        print("Restored \(file) as \(report.restoredTo ?? dataDirectory).")
        report.lines.forEach { print($0) }
        if (try? organisationKey.pinned) == nil {
            print("Compare the organisation key above with the one `init` printed before you trust it (or give --org-key).")
        }
    }
}
