import ArgumentParser
import Cases
import GrievanceCrypto

@main
struct GrievanceCLI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grievance-cli",
        abstract: "Work Grievance cases, people, events and the audit log from the command line.",
        discussion: """
            Every command acts on a data directory (--data-dir, or GRIEVANCE_DATA_DIR, default \
            ./grievance-data) as one person (--as ID), whose passphrase is read from a prompt that \
            does not echo, or from GRIEVANCE_PASSPHRASE in scripts.

            The commands (init, handler, event, case, audit, summary, backup, policy) arrive with \
            the Cases module and the command-line issue; until then this tool prints this help.
            """,
        version: GrievanceVersion.current
    )

    mutating func run() async throws {
        ProcessHardening.disableCoreDumps()
        print(Self.helpMessage())
    }
}
