import ArgumentParser

/// `grievance-cli retention …`: ending closed cases when the procedure says.
struct RetentionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "End closed cases whose retention has passed, by crypto-shredding.",
        subcommands: [RunRetentionCommand.self]
    )
}
