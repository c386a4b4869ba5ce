import AuditLog
import Foundation

extension Casework {
    /// The whole case as its reader sees it, every judgement made here: which stage each reason
    /// led to, what is overdue, which moves are theirs to make now.
    func view(of opened: OpenedCase, repository: any CaseRepository) throws -> CaseView {
        let summary = opened.row.summary
        let reference = summary.reference
        let records = try ledger.openRecords(reference: reference, keys: opened.keys, repository: repository)
        guard let complaint = records.first(where: { $0.stored.kind == .complaint })?.body.complaint else {
            throw CasesError.damaged("the complaint of \(reference)")
        }
        let history = try repository.transitions(reference: reference)
        // Each stage change wrote one transition and one reason together; a reason written
        // before reasons named their stage takes the transition at its position.
        var entered = history.dropFirst().map(\.stage).makeIterator()
        let texts = records.filter { ![.complaint, .exclusions, .attachment].contains($0.stored.kind) }.map { record in
            let positional = record.stored.kind == .stageReason ? entered.next() : nil
            return CaseRecord(sequence: record.stored.sequence, kind: record.stored.kind, createdAt: record.stored.createdAt,
                              author: record.body.author, text: record.body.text ?? "", stage: record.body.stage ?? positional)
        }
        let attachments = records.compactMap { record in
            record.body.attachment.map {
                AttachmentListing(sequence: record.stored.sequence, createdAt: record.stored.createdAt, author: record.body.author, info: $0)
            }
        }
        let now = ledger.clock()
        return CaseView(
            summary: summary, stageTitle: ledger.procedure.stage(summary.stage)?.title ?? summary.stage, complaint: complaint,
            records: texts, attachments: attachments, history: history,
            due: ledger.procedure.dueItems(category: summary.category, history: history, now: now),
            moves: moves(for: opened, now: now),
            keyHolders: try repository.sealRecipients(reference: reference).map(\.recipient),
            reads: try repository.auditEntries(caseReference: reference).filter { $0.action == "case.read" || $0.action == "case.exported" }
                .map { CaseRead(actor: $0.actor, at: $0.date) })
    }

    /// The stages this person may move the case to now: the access rule lets them move it at
    /// all, and the procedure lets their roles take the transition now, its window included.
    func moves(for opened: OpenedCase, now: Date) -> [StageMove] {
        let summary = opened.row.summary
        guard Access.decide(opened.person, .advance, opened.facts).isAllowed else { return [] }
        return ledger.procedure.transitions(from: summary.stage).compactMap { transition in
            guard case .success = ledger.procedure.decide(from: summary.stage, to: transition.to, roles: opened.person.roles, isPerson: true,
                                                         enteredAt: summary.stageEnteredAt, now: now) else { return nil }
            return StageMove(to: transition.to, title: ledger.procedure.stage(transition.to)?.title ?? transition.to,
                             until: transition.within?.after(summary.stageEnteredAt))
        }
    }
}
