import Foundation

/// The one rule of who is reminded of what. It reads clear metadata only — a case's stage, its
/// history, who holds a copy of its key — and opens nothing.
extension Procedure {
    /// A stage deadline this close to the stage's start is shown whatever the horizon: the
    /// safeguarding categories' initial risk assessment (24 hours) must never pass unseen.
    public static let pressingSpan: TimeInterval = 86_400

    /// What is due within `horizon` of `now`, overdue, or pressing, for each person who may work
    /// the case: those holding its key whom the access rule lets read it — exactly the cases their
    /// `case list` shows — and, for a case nobody may work, every active administrator, who can
    /// put that right. `people` are those whose certificates verify; nobody else is reminded of
    /// anything. Nobody is reminded of a case they do not hold: from clear metadata a reporter's
    /// exclusion of someone cannot be told from a person added later, and an excluded person
    /// (perhaps the respondent) must not learn of the case.
    package func reminders(for cases: [HeldCase], people: [Principal], now: Date, horizon: ReminderHorizon) -> ReminderReport {
        let byID = Dictionary(people.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let administrators = people.filter { $0.roles.contains(.admin) && !$0.isDisabled }.map(\.id)
        let until = now.addingTimeInterval(horizon.interval)
        var perPerson: [String: [Reminder]] = [:]
        var unattended: [Reminder] = []
        for held in cases {
            let workers = self.workers(of: held, among: byID)
            let items = dueReminders(of: held.summary, history: held.history, now: now)
                .filter { $0.item.isOverdue || $0.item.due <= until || $0.isPressing }
            guard !items.isEmpty else { continue }
            if workers.isEmpty {
                let lines = items.map { $0.with(relation: .unattended) }
                unattended += lines
                for id in administrators { perPerson[id, default: []] += lines }
            }
            for (id, assigned) in workers {
                perPerson[id, default: []] += items.map { $0.with(relation: assigned ? .assigned : .holder) }
            }
        }
        return ReminderReport(
            madeAt: now, horizon: horizon,
            people: perPerson.keys.sorted().map { PersonReminders(person: $0, reminders: perPerson[$0]!.sorted(by: Reminder.soonestFirst)) },
            unattended: unattended.sorted(by: Reminder.soonestFirst))
    }

    /// Each deadline of a case, as a reminder to someone who holds it.
    package func dueReminders(of summary: CaseSummary, history: [StageEntry], now: Date) -> [Reminder] {
        // The history ends in the current stage; a case without one (never expected) is taken
        // to have entered its stage when its row says.
        var history = history
        if history.last?.stage != summary.stage { history.append(StageEntry(stage: summary.stage, enteredAt: summary.stageEnteredAt)) }
        let entered = history.last!.enteredAt
        return dueItems(category: summary.category, history: history, now: now).map { item in
            let short: Bool = if case .stage = item.kind { item.due.timeIntervalSince(entered) <= Self.pressingSpan } else { false }
            let pressing = short || (summary.urgent && summary.stage == initialStage.id)
            return Reminder(reference: summary.reference, category: summary.category, stage: summary.stage, urgent: summary.urgent,
                            item: item, relation: .holder, isPressing: pressing)
        }
    }

    /// The people who hold the case's key and whom the access rule lets read it now, by id, and
    /// whether it was assigned to them. `@recovery`, `@reporter` and people waiting to enrol hold
    /// copies too, but none of them is a person who can act today.
    private func workers(of held: HeldCase, among people: [String: Principal]) -> [(id: String, assigned: Bool)] {
        held.holders.keys.sorted().compactMap { recipient in
            guard let person = people[recipient], let assigned = held.holders[recipient] else { return nil }
            let facts = facts(for: held.summary, holding: assigned ? .assigned : .held)
            return Access.decide(person, .read, facts).isAllowed ? (recipient, assigned) : nil
        }
    }
}

extension Reminder {
    func with(relation: Relation) -> Reminder {
        Reminder(reference: reference, category: category, stage: stage, urgent: urgent, item: item, relation: relation, isPressing: isPressing)
    }

    /// Soonest deadline first (the overdue, then), one case's deadlines together when they tie.
    static func soonestFirst(_ a: Reminder, _ b: Reminder) -> Bool {
        (a.item.due, a.reference.rawValue, a.item.kind.description) < (b.item.due, b.reference.rawValue, b.item.kind.description)
    }
}
