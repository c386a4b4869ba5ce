import AuditLog
import Foundation

extension CaseService {
    /// The cases `actor` holds the key of, soonest deadline first, with clear metadata only
    /// (no content is opened, so nothing is logged).
    public func list(for actor: UnlockedPrincipal) throws -> [CaseListing] {
        guard actor.principal.readsContent else { return [] }
        return try storage.read { repository in
            try repository.cases(sealedTo: actor.id)
                .filter { !actor.principal.roles.isDisjoint(with: [.handler, .safeguardingLead, .investigator]) || $0.summary.stage == "appeal" }
                .map { summary, assigned in
                    CaseListing(summary: summary, deadline: procedure.stageDeadline(stage: summary.stage, category: summary.category,
                                                                                  enteredAt: summary.stageEnteredAt),
                                assignedToMe: assigned)
                }
                .sorted { ($0.deadline ?? .distantFuture, $0.summary.reference) < ($1.deadline ?? .distantFuture, $1.summary.reference) }
        }
    }

    /// Opens a case: the complaint, every record, the stage history, what is due, who holds the
    /// key and who has read it. The read itself is logged, in the same transaction.
    public func show(_ reference: String, as actor: UnlockedPrincipal) throws -> CaseView {
        try open(reference, as: actor, logging: "case.read")
    }

    /// Opens a case to be written out of the system (a bundle for a lawyer, an authority). The
    /// same rules as reading; logged as an export.
    public func exportCase(_ reference: String, as actor: UnlockedPrincipal) throws -> CaseView {
        try open(reference, as: actor, logging: "case.exported")
    }

    private func open(_ reference: String, as actor: UnlockedPrincipal, logging action: String) throws -> CaseView {
        try transaction { repository in
            let (row, key) = try openCase(reference, as: actor, for: .read, repository: repository)
            let records = try openRecords(reference: reference, key: key, repository: repository)
            guard let complaint = records.first(where: { $0.stored.kind == .complaint })?.body.complaint else {
                throw CasesError.damaged("the complaint of \(reference)")
            }
            try repository.audit(AuditEntryDraft(actor: actor.id, action: action, caseReference: reference, time: clock()))
            let history = try repository.transitions(reference: reference)
            return CaseView(
                summary: row.summary, complaint: complaint,
                records: records.filter { ![.complaint, .exclusions, .attachment].contains($0.stored.kind) }.map {
                    CaseRecord(sequence: $0.stored.sequence, kind: $0.stored.kind, createdAt: $0.stored.createdAt,
                               author: $0.body.author, text: $0.body.text ?? "")
                },
                attachments: records.compactMap { record in
                    record.body.attachment.map {
                        AttachmentListing(sequence: record.stored.sequence, createdAt: record.stored.createdAt, author: record.body.author, info: $0)
                    }
                },
                history: history, due: procedure.dueItems(category: row.summary.category, history: history),
                keyHolders: try repository.sealRecipients(reference: reference).map(\.recipient),
                reads: try repository.auditEntries(caseReference: reference).filter { $0.action == "case.read" || $0.action == "case.exported" }.map { ($0.actor, $0.date) })
        }
    }
}
