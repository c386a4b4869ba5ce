import AuditLog
import Foundation

extension Casework {
    /// Keeps a case from retention, whatever its stage, until released: for a complaint that
    /// may go to law, or a pattern still being looked into. The reason is an encrypted record
    /// of the case; the log records the hold, not the reason.
    public func hold(_ reference: CaseReference, reason: String, by actor: UnlockedPrincipal) throws {
        try changeHold(reference, holding: true, reason: reason, by: actor)
    }

    /// Lifts a hold. Releasing is activity: retention's clock starts again from now.
    public func releaseHold(_ reference: CaseReference, reason: String, by actor: UnlockedPrincipal) throws {
        try changeHold(reference, holding: false, reason: reason, by: actor)
    }

    private func changeHold(_ reference: CaseReference, holding: Bool, reason: String, by actor: UnlockedPrincipal) throws {
        try Ledger.checkText(reason, field: .reason)
        try ledger.transaction { repository in
            let opened = try open(reference, as: actor, for: .hold, repository: repository)
            guard (opened.row.heldSince != nil) != holding else { throw CasesError(.holdState(reference, held: holding)) }
            let sequence = try ledger.appendRecord(RecordBody(author: actor.id, text: reason), kind: holding ? .hold : .holdReleased, keys: opened.keys,
                                                   reference: reference, repository: repository)
            try repository.setHold(reference: reference, since: holding ? ledger.clock() : nil)
            try repository.audit(ledger.entry(actor.id, holding ? "case.held" : "case.hold-released", reference, [AuditDetail("record", String(sequence))]))
        }
    }
}
