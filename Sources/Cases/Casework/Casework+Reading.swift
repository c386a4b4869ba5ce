import AuditLog
import Foundation

extension Casework {
    /// The cases `actor` may open, soonest deadline first, with clear metadata only: nothing is
    /// decrypted, so nothing is logged. A case is listed exactly when the access rule lets this
    /// person read it.
    public func list(for actor: UnlockedPrincipal) throws -> [CaseListing] {
        let now = ledger.clock()
        return try ledger.storage.read { repository in
            guard let person = try repository.principal(id: actor.id)?.principal else { throw CasesError(.noSuchPerson(actor.id)) }
            return try repository.cases(sealedTo: actor.id)
                .filter { Access.decide(person, .read, ledger.procedure.facts(for: $0.summary, holding: $0.assigned ? .assigned : .held)).isAllowed }
                .map { summary, assigned in
                    CaseListing(summary: summary, deadline: ledger.procedure.stageDeadline(stage: summary.stage, category: summary.category,
                                                                                       enteredAt: summary.stageEnteredAt),
                                assignedToMe: assigned, now: now)
                }
                .sorted { ($0.deadline ?? .distantFuture, $0.summary.reference) < ($1.deadline ?? .distantFuture, $1.summary.reference) }
        }
    }

    /// Opens a case: the complaint, every record, the stage history, what is due, the moves the
    /// reader may make, who holds the key and who has read it. The read is logged in the same
    /// transaction.
    public func show(_ reference: CaseReference, as actor: UnlockedPrincipal) throws -> CaseView {
        try ledger.transaction { repository in
            let opened = try open(reference, as: actor, for: .read, repository: repository)
            try repository.audit(ledger.entry(actor.id, "case.read", reference))
            return try view(of: opened, repository: repository)
        }
    }

    /// Writes a case out of the system for a lawyer or an authority, in the case export format
    /// (docs/FILE-FORMATS.md): sealed under `passphrase`, or plain JSON without one. Logged as an
    /// export.
    public func export(_ reference: CaseReference, as actor: UnlockedPrincipal, sealedWith passphrase: Passphrase?) throws -> [UInt8] {
        // Refused before anything is logged: an export that cannot be written never happened.
        _ = try passphrase?.checkedNew()
        let exported: (CaseView, Date) = try ledger.transaction { repository in
            let opened = try open(reference, as: actor, for: .export, repository: repository)
            try repository.audit(ledger.entry(actor.id, "case.exported", reference))
            return (try view(of: opened, repository: repository), ledger.clock())
        }
        return try CaseExport.make(exported.0, exportedBy: actor.id, at: exported.1, sealedWith: passphrase)
    }
}
