import ArgumentParser

/// `grievance-cli policy …`: the procedure file.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Check the grievance procedure file, and put a new one in force.",
        subcommands: [CheckPolicyCommand.self, InstallPolicyCommand.self]
    )
}
