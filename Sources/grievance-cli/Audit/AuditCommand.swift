import ArgumentParser

/// `grievance-cli audit …`: the append-only, hash-chained log of every action.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Verify, checkpoint and export the audit log.",
        discussion: "The format and how a third party checks an export: docs/AUDIT-FORMAT.md.",
        subcommands: [VerifyAuditCommand.self, CheckpointAuditCommand.self, CosignAuditCommand.self, ExportAuditCommand.self, AuditKeyCommand.self]
    )
}
