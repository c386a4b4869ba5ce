import AuditLog
import Foundation

extension CaseService {
    /// The cases `actor` holds the key of, soonest deadline first, with clear metadata only
    /// (no content is opened, so nothing is logged).
    public func list(for actor: UnlockedPrincipal) throws -> [(summary: CaseSummary, deadline: Date?)] {
        guard actor.principal.readsContent else { return [] }
        return try storage.read { repository in
            try repository.cases(sealedTo: actor.id)
                .filter { !actor.principal.roles.isDisjoint(with: [.handler, .safeguardingLead, .investigator]) || $0.stage == "appeal" }
                .map { ($0, procedure.stageDeadline(stage: $0.stage, category: $0.category, enteredAt: $0.stageEnteredAt)) }
                .sorted { ($0.deadline ?? .distantFuture, $0.summary.reference) < ($1.deadline ?? .distantFuture, $1.summary.reference) }
        }
    }

    /// Opens a case: the complaint, every record, the stage history, what is due, who holds the
    /// key and who has read it. The read itself is logged, in the same transaction.
    public func show(_ reference: String, as actor: UnlockedPrincipal) throws -> CaseView {
        try transaction { repository in
            let (row, key) = try openCase(reference, as: actor, for: .read, repository: repository)
            let records = try openRecords(reference: reference, key: key, repository: repository)
            guard let complaint = records.first(where: { $0.stored.kind == .complaint })?.body.complaint else {
                throw CasesError.damaged("the complaint of \(reference)")
            }
            try repository.audit(AuditEntryDraft(actor: actor.id, action: "case.read", caseReference: reference, time: clock()))
            let history = try repository.transitions(reference: reference)
            return CaseView(
                summary: row.summary, complaint: complaint,
                records: records.filter { $0.stored.kind != .complaint && $0.stored.kind != .exclusions }.map {
                    CaseRecord(sequence: $0.stored.sequence, kind: $0.stored.kind, createdAt: $0.stored.createdAt,
                               author: $0.body.author, text: $0.body.text ?? "")
                },
                history: history, due: procedure.dueItems(category: row.summary.category, history: history),
                keyHolders: try repository.sealRecipients(reference: reference).map(\.recipient),
                reads: try repository.auditEntries(caseReference: reference).filter { $0.action == "case.read" }.map { ($0.actor, $0.date) })
        }
    }
}
