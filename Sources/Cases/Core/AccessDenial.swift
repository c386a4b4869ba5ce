import AuditLog

/// A refusal that must be logged even though the operation's transaction rolls back.
struct AccessDenial: Error {
    let error: CasesError
    let entry: AuditEntryDraft

    /// `actor` was refused `attempted` (an action's audit name), for `reason` (as the log says it).
    init(_ error: CasesError, actor: String, attempted: String, reference: CaseReference?, reason: String) {
        self.error = error
        entry = AuditEntryDraft(actor: actor, action: "access.denied", caseReference: reference?.rawValue,
                                details: [AuditDetail("attempted", attempted), AuditDetail("reason", reason)])
    }

    /// The access rule's refusal of `action`.
    init(_ refusal: AccessRefusal, actor: String, action: CaseAction, reference: CaseReference?) {
        self.init(CasesError(.refused(refusal)), actor: actor, attempted: action.rawValue, reference: reference, reason: refusal.reason)
    }
}
