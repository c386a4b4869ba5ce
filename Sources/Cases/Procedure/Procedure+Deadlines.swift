import Foundation

extension Procedure {
    /// How long a case of `category` may stay in `stage`: the category's own limit
    /// (safeguarding: 24 hours) or else the stage's; nil for a terminal stage or one without.
    public func stageDuration(stage id: String, category: String) -> PolicyDuration? {
        guard let stage = stage(id), !stage.isTerminal else { return nil }
        return self.category(category)?.due[id] ?? stage.due
    }

    /// The deadline for leaving `stage`, for a case of `category` that entered it at `enteredAt`.
    public func stageDeadline(stage id: String, category: String, enteredAt: Date) -> Date? {
        stageDuration(stage: id, category: category)?.after(enteredAt)
    }

    /// What a case owes, soonest first, each marked overdue or not at `now`. `history` lists
    /// every stage the case has entered, oldest first; its last element is the current stage.
    public func dueItems(category: String, history: [StageEntry], now: Date) -> [DueItem] {
        guard let current = history.last else { return [] }
        var items: [DueItem] = []
        if let due = stageDeadline(stage: current.stage, category: category, enteredAt: current.enteredAt) {
            items.append(DueItem(kind: .stage(current.stage), due: due, isOverdue: now > due))
        }
        if let feedback, let start = history.first(where: { $0.stage == feedback.from }),
           !history.contains(where: { feedback.metBy.contains($0.stage) }) {
            let due = feedback.within.after(start.enteredAt)
            items.append(DueItem(kind: .feedback, due: due, isOverdue: now > due))
        }
        return items.sorted { $0.due < $1.due }
    }
}
