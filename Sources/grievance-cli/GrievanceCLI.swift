import ArgumentParser
import Cases

/// The command tree; `GrievanceCLIMain` runs it.
struct GrievanceCLI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grievance-cli",
        abstract: "Work Grievance cases, people, events and the audit log from the command line.",
        discussion: """
            Commands act on a data directory (--data-dir, or GRIEVANCE_DATA_DIR, default \
            ./grievance-data) as one person (--as ID, or GRIEVANCE_AS), whose passphrase is read \
            from a prompt that does not echo, or from GRIEVANCE_PASSPHRASE in scripts. Read \
            commands take --json. Start with `grievance-cli init`; a worked session is in docs/CLI.md. \
            Shell completion: `grievance-cli --generate-completion-script bash` (or zsh, fish).
            """,
        version: GrievanceVersion.current,
        subcommands: [InitCommand.self, EnrolCommand.self, HandlerCommand.self, EventCommand.self, CaseCommand.self, SummaryCommand.self, AuditCommand.self, PolicyCommand.self,
                      BackupCommand.self, RetentionCommand.self, RecoveryKeyCommand.self, RemindersCommand.self, NotifyCommand.self]
    )
}
