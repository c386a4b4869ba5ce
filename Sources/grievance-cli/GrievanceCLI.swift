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

            Commands arrive with the modules they call: the audit log (issue 3), cases (issue 4) \
            and the handlers' commands (issue 5).
            """,
        version: GrievanceVersion.current
    )

    mutating func run() async throws {
        ProcessHardening.disableCoreDumps()
        print(Self.helpMessage())
    }
}
