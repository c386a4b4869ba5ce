import ArgumentParser

/// `grievance-cli backup …`: encrypted backups of a running system, sealed to the recovery key.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Make, check, restore and rotate encrypted backups.",
        discussion: """
            A backup holds the whole data directory (database, pepper, configuration, procedure), \
            encrypted under a key sealed to the organisation's recovery key: making one needs no \
            passphrase, opening one needs the recovery key file. Nightly rotation: docs/OPERATIONS.md; \
            the file format: docs/FILE-FORMATS.md.
            """,
        subcommands: [CreateBackupCommand.self, VerifyBackupCommand.self, RestoreBackupCommand.self, PruneBackupsCommand.self]
    )
}
