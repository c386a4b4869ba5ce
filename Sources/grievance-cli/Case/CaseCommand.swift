import ArgumentParser

/// `grievance-cli case …`: working a case through the procedure.
struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "File, list, read and work cases.",
        discussion: """
            Every command acts as one person (--as ID) and only on cases whose key is sealed to \
            them; every read of a case is recorded in the audit log. Texts (--description, --text) \
            may be left out and typed or piped on standard input instead, so they stay out of the \
            shell's history.
            """,
        subcommands: [OpenCaseCommand.self, ListCasesCommand.self, ShowCaseCommand.self, AssignCaseCommand.self, AdvanceCaseCommand.self,
                      NoteCaseCommand.self, MessageCaseCommand.self, ExcludeCaseCommand.self, AttachmentCaseCommand.self, ExportCaseCommand.self,
                      ReadExportCommand.self, HoldCaseCommand.self, ReleaseCaseCommand.self]
    )
}
