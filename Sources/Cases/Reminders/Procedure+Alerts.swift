import Foundation

/// Who hears of a new case at once, rather than in the next digest.
extension Procedure {
    /// A new case is announced at once when it is urgent, or of a category the procedure routes to
    /// the safeguarding lead (the safeguarding categories, violence, threats): the procedure file
    /// decides, not a list of names here.
    public func announcesAtOnce(category: String, urgent: Bool) -> Bool {
        urgent || routedRoles(category: category, urgent: false).contains(.safeguardingLead)
    }

    /// The notifications a case just filed calls for: to the safeguarding leads who hold it; when
    /// none does (each excluded by the reporter, or none enrolled), to everyone else who holds it;
    /// when nobody does, to the administrators, who can enrol or certify someone who may. Only
    /// holders are told, so a person the reporter kept away never learns of the case.
    package func announcements(of summary: CaseSummary, holders: [Principal], administrators: [Principal], now: Date) -> [Notification] {
        guard announcesAtOnce(category: summary.category, urgent: summary.urgent) else { return [] }
        let history = [StageEntry(stage: summary.stage, enteredAt: summary.stageEnteredAt)]
        let lines = dueReminders(of: summary, history: history, now: now)
        let leads = holders.filter { $0.roles.contains(.safeguardingLead) && !$0.isDisabled }
        let recipients: [(String, Reminder.Relation)] = if !leads.isEmpty {
            leads.map { ($0.id, .holder) }
        } else if !holders.isEmpty {
            holders.filter { !$0.isDisabled }.map { ($0.id, .holder) }
        } else {
            administrators.filter { $0.roles.contains(.admin) && !$0.isDisabled }.map { ($0.id, .unattended) }
        }
        return recipients.sorted { $0.0 < $1.0 }.map { id, relation in
            Notification(recipient: id, kind: .newCase(summary.reference, category: summary.category, urgent: summary.urgent), reminders: lines.map { $0.with(relation: relation) }, madeAt: now)
        }
    }
}
