import AuditLog
import Foundation
import GrievanceCrypto

extension Administration {
    /// Ends the closed cases whose retention has passed under the procedure, by crypto-shredding
    /// each in its own transaction: its seals (every copy of its key), records, attachments and
    /// wrapped earlier keys deleted — SQLite's secure_delete overwriting them in the file — and
    /// its receipt unlinked; its clear metadata stays for statistics, and the log keeps every
    /// entry, with one more saying it ended. Only closed cases are ever ended (an appeal open,
    /// or a decision still in its appeal window, is not closed); a held case never is; and any
    /// record made after closing (a reporter's message, a note, a hold released) restarts the
    /// clock. An administrator's task, needing no case key. `dryRun` changes nothing; `only` limits
    /// the shredding to the cases a person was shown and confirmed (an empty set shreds nothing, and only
    /// removes the copies an earlier run left).
    public func runRetention(by actor: UnlockedPrincipal, dryRun: Bool, only: Set<CaseReference>? = nil) throws -> RetentionRun {
        try ledger.transaction { repository in try requireAdministrator(actor, for: .runRetention, repository: repository) }
        let terminal = ledger.procedure.stages.filter(\.isTerminal).map(\.id)
        let now = ledger.clock()
        let decisions = try ledger.storage.read { try $0.retentionCandidates(terminalStages: terminal, reference: nil) }
            .map { decide($0, now: now) }
            .sorted { ($0.ends, $0.reference.rawValue) < ($1.ends, $1.reference.rawValue) }
        guard !dryRun else { return RetentionRun(at: now, dryRun: true, decisions: decisions, shredded: [], logFileEmptied: false) }
        var shredded: [CaseReference] = []
        for decision in decisions where decision.verdict == .due && only.map({ $0.contains(decision.reference) }) ?? true {
            let ended = try ledger.transaction { repository -> Bool in
                // Decided again inside the transaction: a message or a hold that arrived since wins.
                guard let fresh = try repository.retentionCandidates(terminalStages: terminal, reference: decision.reference).first,
                      decide(fresh, now: ledger.clock()).verdict == .due
                else { return false }
                try repository.shred(reference: decision.reference, at: ledger.clock(), lookup: Digest(bytes: RandomBytes.make(count: 32)))
                // A new value each time, so that a run clears only what it saw (below).
                try repository.setSetting(Self.copiesPending, RandomBytes.make(count: 16))
                try repository.audit(ledger.entry(actor.id, "case.shredded", decision.reference, [
                    AuditDetail("rule", decision.rule), AuditDetail("last-activity", RetentionDecision.day(fresh.lastActivity)),
                ]))
                return true
            }
            if ended { shredded.append(decision.reference) }
        }
        // Even when nothing was shredded now: what an earlier run could not remove, this one
        // does. Only then, though: on PostgreSQL it rewrites every case table.
        var emptied = true
        if let pending = try ledger.storage.read({ try $0.setting(Self.copiesPending) }) {
            emptied = try ledger.storage.removeDeletedCopies()
            // Unless another run shredded meanwhile: its copies may have come after the removal.
            if emptied { try ledger.transaction { if try $0.setting(Self.copiesPending) == pending { try $0.deleteSetting(Self.copiesPending) } } }
        }
        return RetentionRun(at: now, dryRun: false, decisions: decisions, shredded: shredded, logFileEmptied: emptied)
    }

    /// Set with every shredding, cleared once the engine's copies of what it deleted are gone.
    static let copiesPending = "retention.copies-pending"

    private func decide(_ candidate: RetentionCandidate, now: Date) -> RetentionDecision {
        let end = ledger.procedure.retention.end(category: candidate.category, outcome: candidate.closedFrom, since: candidate.lastActivity)
        let verdict: RetentionDecision.Verdict = end.ends > now ? .kept : candidate.heldSince != nil ? .held : .due
        return RetentionDecision(reference: candidate.reference, category: candidate.category, outcome: candidate.closedFrom, closed: candidate.closedAt,
                                 lastActivity: candidate.lastActivity, rule: end.rule, ends: end.ends, verdict: verdict, heldSince: candidate.heldSince)
    }
}
