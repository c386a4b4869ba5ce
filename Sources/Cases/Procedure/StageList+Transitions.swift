import Yams

extension StageList {
    /// The transitions, each between known stages and taken by roles the access rule lets move a
    /// case out of its `from` stage; then every stage reachable and none but a terminal one stuck.
    func transitions(_ node: Node, reader: PolicyReader) throws(PolicyError) -> [Transition] {
        var transitions: [Transition] = []
        for item in try reader.sequence(node, "transitions") {
            let fields = try reader.mapping(item, "a transition", allowed: ["from", "to", "roles", "within"], required: ["from", "to", "roles"])
            let from = try known(fields["from"]!.value, "'from'", reader: reader)
            let to = try known(fields["to"]!.value, "'to'", reader: reader)
            guard from != to else { throw reader.error(item, "a transition must lead to another stage") }
            if stage(from).isTerminal { throw reader.error(fields["from"]!.value, "stage '\(from)' is terminal: nothing may leave it") }
            let roles = try reader.roles(fields["roles"]!.value, "roles")
            guard !roles.isEmpty else { throw reader.error(fields["roles"]!.value, "nobody may take the transition \(from) → \(to): list at least one role") }
            for role in roles {
                // The most a person of this role could hold: a copy of the key assigned to them.
                let facts = CaseFacts(stage: from, panelStage: panel.id, holding: .assigned)
                if case .refused(let refusal) = Access.decide(roles: [role], isDisabled: false, .advance, facts) {
                    throw reader.error(fields["roles"]!.value, "role '\(role.rawValue)' can never take the transition \(from) → \(to): \(refusal)")
                }
            }
            guard !transitions.contains(where: { $0.from == from && $0.to == to }) else {
                throw reader.error(item, "the transition \(from) → \(to) is declared twice")
            }
            let within = try fields["within"].map { (entry) throws(PolicyError) in try reader.duration(entry.value, "within") }
            transitions.append(Transition(from: from, to: to, roles: Set(roles), within: within))
        }
        try checkReachable(transitions, reader: reader)
        return transitions
    }

    private func checkReachable(_ transitions: [Transition], reader: PolicyReader) throws(PolicyError) {
        var reachable: Set<String> = [stages[0].id]
        var frontier = [stages[0].id]
        while let current = frontier.popLast() {
            for transition in transitions where transition.from == current && !reachable.contains(transition.to) {
                reachable.insert(transition.to)
                frontier.append(transition.to)
            }
        }
        for stage in stages where !reachable.contains(stage.id) {
            throw reader.error(nodes[stage.id], "stage '\(stage.id)' cannot be reached from '\(stages[0].id)' by any transition")
        }
        for stage in stages where !stage.isTerminal && !transitions.contains(where: { $0.from == stage.id }) {
            throw reader.error(nodes[stage.id], "stage '\(stage.id)' is not terminal but no transition leaves it: cases would be stuck there")
        }
    }
}
