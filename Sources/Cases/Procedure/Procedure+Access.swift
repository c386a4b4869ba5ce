extension Procedure {
    /// The roles a case of `category` goes to on arrival: the category's own, and the
    /// safeguarding lead too when the reporter marked it urgent.
    public func routedRoles(category: String, urgent: Bool) -> Set<Role> {
        var roles = routing[category] ?? []
        if urgent { roles.insert(.safeguardingLead) }
        return roles
    }

    /// What access to a case in `stage` depends on, for a person holding `holding`.
    public func facts(stage: String, category: String, urgent: Bool, holding: KeyHolding, isExcluded: Bool = false) -> CaseFacts {
        CaseFacts(stage: stage, panelStage: panelStage.id, routedRoles: routedRoles(category: category, urgent: urgent),
                  holding: holding, isExcluded: isExcluded)
    }

    /// The same, for a case as storage holds it.
    public func facts(for summary: CaseSummary, holding: KeyHolding, isExcluded: Bool = false) -> CaseFacts {
        facts(stage: summary.stage, category: summary.category, urgent: summary.urgent, holding: holding, isExcluded: isExcluded)
    }
}
