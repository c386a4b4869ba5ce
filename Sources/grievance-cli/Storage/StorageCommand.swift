import ArgumentParser

/// `grievance-cli storage …`: where the tables are.
struct StorageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "storage",
        abstract: "Move the tables from SQLite to PostgreSQL.",
        discussion: """
            SQLite in the data directory is the default and needs nothing. Organisations that run \
            several intake servers keep the tables in one PostgreSQL database instead; the pepper, \
            keys and procedure stay in each data directory. Step by step: docs/OPERATIONS.md.
            """,
        subcommands: [MigrateStorageCommand.self]
    )
}
