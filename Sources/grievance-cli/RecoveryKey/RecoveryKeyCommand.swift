import ArgumentParser

/// `grievance-cli recovery-key …`: the organisation's key of last resort.
struct RecoveryKeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recovery-key",
        abstract: "Rotate the organisation's recovery key.",
        subcommands: [RotateRecoveryKeyCommand.self]
    )
}
