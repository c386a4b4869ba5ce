import ArgumentParser
import Cases
import Foundation

struct CreateBackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Write an encrypted backup of the data directory, while the server runs.",
        discussion: """
            Needs no passphrase and no --as: anyone who may read the data directory may make one, \
            and only the recovery key opens it. The recovery key it is sealed to is the one the \
            organisation key vouches for: pin that key with --org-key (or install it at \
            \(OrganisationKey.installedPath)) so that a writer of the data directory cannot swap in \
            a key of their own. The log records each backup's BLAKE2b-256 (`b2sum -l 256 FILE`).
            """)

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var organisationKey: OrganisationKeyOption
    @OptionGroup var json: JSONOption

    @Option(help: ArgumentHelp("The new file to write (never over an existing one).", valueName: "FILE"), completion: .file())
    var out: String

    func run() throws {
        let installation = try organisationKey.pinned.map { try DataDirectory(path: directory.path).open(organisationKey: $0) } ?? directory.open()
        var progress = ProgressLine("database bytes encrypted:", quiet: json.enabled)
        let report = try installation.createBackup(to: out) { progress.update($0) }
        progress.finish()
        if json.enabled { return try Output.json(report) }
        print("Backed up \(report.cases) cases and \(report.auditEntries) log entries to \(report.file) (\(report.bytes.formatted()) bytes).")
        print("blake2b-256 \(report.blake2b ?? "")  (b2sum -l 256 gives the same)")
        print("Check it with: grievance-cli backup verify \(report.file) --recovery-key FILE")
    }
}
