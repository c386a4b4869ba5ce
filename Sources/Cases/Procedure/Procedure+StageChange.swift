import Foundation

extension Procedure {
    /// Whether someone with `roles` may move a case from `from` to `to` at `now`, the case having
    /// entered `from` at `enteredAt`. `isPerson` is false for the system itself (routing,
    /// reminders), which never moves a case.
    public func decide(
        from: String, to: String, roles: Set<Role>, isPerson: Bool, enteredAt: Date, now: Date
    ) -> Result<Transition, StageChangeRefusal> {
        guard let current = stage(from) else { return .failure(.unknownStage(from)) }
        guard stage(to) != nil else { return .failure(.unknownStage(to)) }
        guard !current.isTerminal else { return .failure(.terminal(from)) }
        guard isPerson else { return .failure(.notAPerson) }
        guard let transition = transitions.first(where: { $0.from == from && $0.to == to }) else {
            return .failure(.noSuchTransition(from: from, to: to, allowed: transitions(from: from).map(\.to)))
        }
        guard !transition.roles.isDisjoint(with: roles) else {
            return .failure(.roleNotAllowed(from: from, to: to, needs: transition.roles.sorted()))
        }
        if let window = transition.within, now > window.after(enteredAt) {
            return .failure(.windowClosed(from: from, to: to, within: window))
        }
        return .success(transition)
    }
}
