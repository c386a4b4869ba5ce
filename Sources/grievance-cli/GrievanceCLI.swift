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
            from a prompt that does not echo, or in scripts from GRIEVANCE_PASSPHRASE or the file \
            GRIEVANCE_PASSPHRASE_FILE names (yours alone, mode 600). Commands that read or change \
            something take --json. `grievance-cli shell` unlocks once for a run of commands. \
            Start with `grievance-cli init`; a worked session is in docs/CLI.md.

            Exit status: 0 done; \(ExitStatus.allCases.map { "\($0.rawValue) \($0.name)" }.joined(separator: "; ")) \
            (docs/CLI.md says which failure is which).

            Shell completion: `grievance-cli --generate-completion-script bash` (or zsh, fish). \
            Manual pages: scripts/man.
            """,
        version: GrievanceVersion.current,
        subcommands: [InitCommand.self, EnrolCommand.self, HandlerCommand.self, EventCommand.self, CaseCommand.self, SummaryCommand.self, AuditCommand.self, PolicyCommand.self,
                      BackupCommand.self, RetentionCommand.self, RecoveryKeyCommand.self, RemindersCommand.self, NotifyCommand.self, StorageCommand.self,
                      ShellCommand.self]
    )
}
