import AuditLog

/// A refusal that must be logged even though the operation's transaction rolls back.
struct AccessDenial: Error {
    let error: CasesError
    let entry: AuditEntryDraft
}
