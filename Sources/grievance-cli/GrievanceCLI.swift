import ArgumentParser
import Cases

/// The command tree; `GrievanceCLIMain` runs it.
struct GrievanceCLI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grievance-cli",
        abstract: "Work Grievance cases, people, events and the audit log from the command line.",
        discussion: """
            Today it checks the procedure file (policy check). The commands that work cases, \
            people, events and the audit log (init, handler, event, case, audit, summary, backup) \
            come next; they will act on a data directory (--data-dir, or GRIEVANCE_DATA_DIR, \
            default ./grievance-data) as one person (--as ID), whose passphrase is read from a \
            prompt that does not echo, or from GRIEVANCE_PASSPHRASE in scripts.
            """,
        version: GrievanceVersion.current,
        subcommands: [PolicyCommand.self]
    )
}
