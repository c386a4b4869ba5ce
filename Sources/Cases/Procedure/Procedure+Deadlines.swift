import Foundation

extension Procedure {
    /// The deadline for leaving `stage`, for a case of `category` that entered it at `enteredAt`:
    /// the category's own (safeguarding: 24 hours) or else the stage's.
    public func stageDeadline(stage id: String, category: String, enteredAt: Date) -> Date? {
        guard let stage = stage(id), !stage.isTerminal else { return nil }
        let duration = self.category(category)?.due[id] ?? stage.due
        return duration?.after(enteredAt)
    }

    /// What a case owes now. `history` lists every stage the case has entered, oldest first,
    /// with when; its last element is the current stage.
    public func dueItems(category: String, history: [(stage: String, enteredAt: Date)]) -> [DueItem] {
        guard let current = history.last else { return [] }
        var items: [DueItem] = []
        if let due = stageDeadline(stage: current.stage, category: category, enteredAt: current.enteredAt) {
            items.append(DueItem(kind: .stage(current.stage), due: due))
        }
        if let feedback, let start = history.first(where: { $0.stage == feedback.from }),
           !history.contains(where: { feedback.metBy.contains($0.stage) }) {
            items.append(DueItem(kind: .feedback, due: feedback.within.after(start.enteredAt)))
        }
        return items.sorted { $0.due < $1.due }
    }
}
