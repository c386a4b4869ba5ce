/// The one rule of who may do what to a case. Every path that lists, opens, routes, seals,
/// assigns, grants the appeals panel, exports or reads an attachment asks it, and nothing else
/// decides; the procedure loader asks it too, to refuse a file whose routing or transitions
/// nobody could use.
///
/// A person may act when their account is active, they are not excluded from the case, and at
/// least one of their roles allows the action on these facts:
///
/// | role | works a case (read, note, advance, export, attachments) | message, assign, exclude | receives the key |
/// |---|---|---|---|
/// | handler, safeguarding lead | holding the key | holding the key | by routing of their role, as filer, by assignment |
/// | investigator | assigned to them | never | by assignment |
/// | appeals panel | in the panel's stage, holding the key | never | in the panel's stage: the panel's grant, or assignment |
/// | admin, executive, auditor | never | never | never |
///
/// Only handlers and safeguarding leads file on a reporter's behalf.
public enum Access {
    public static func decide(_ person: Principal, _ action: CaseAction, _ facts: CaseFacts) -> AccessDecision {
        decide(roles: person.roles, isDisabled: person.isDisabled, action, facts)
    }

    static func decide(roles: Set<Role>, isDisabled: Bool, _ action: CaseAction, _ facts: CaseFacts) -> AccessDecision {
        if isDisabled { return .refused(.disabled) }
        if facts.isExcluded { return .refused(.excluded) }
        var refusals: [AccessRefusal] = []
        // In the roles' fixed order, which needs no sorting (this runs once per case listed).
        for role in Role.allCases where roles.contains(role) {
            guard let refusal = refusal(of: role, action, facts) else { return .allowed }
            refusals.append(refusal)
        }
        return .refused(merged(refusals, action: action))
    }

    /// Whether someone with these roles could ever be given a case's key: who a reporter may
    /// name to keep away, and whose keys a change of roles takes back.
    public static func mayEverHold(_ person: Principal) -> Bool {
        !person.isDisabled && mayEverHold(roles: person.roles)
    }

    /// Who releases anonymised summaries: the Executive Committee's members and administrators —
    /// people whose roles hold no case key, so a summary is never made by someone who could
    /// look behind it.
    public static func mayReleaseSummaries(_ person: Principal) -> Bool {
        !person.isDisabled && !person.roles.isDisjoint(with: [.executive, .admin]) && !mayEverHold(roles: person.roles)
    }

    /// Whether these roles could ever be given a case's key.
    static func mayEverHold(roles: Set<Role>) -> Bool {
        // Assignment in the panel's stage: the widest a case is ever given.
        decide(roles: roles, isDisabled: false, .receiveAssigned, CaseFacts(stage: "the panel's", panelStage: "the panel's", holding: .none)).isAllowed
    }

    /// What one role allows: nil, or why not.
    private static func refusal(of role: Role, _ action: CaseAction, _ facts: CaseFacts) -> AccessRefusal? {
        let holds = facts.holding != .none
        switch (role, action) {
        case (.admin, .file), (.executive, .file), (.auditor, .file):
            return .notForRole(action, [role])
        case (.admin, _), (.executive, _), (.auditor, _):
            return .neverReadsCases([role])
        case (.handler, .receiveRouted), (.safeguardingLead, .receiveRouted):
            return facts.routedRoles.contains(role) ? nil : .notRouted
        case (.handler, .file), (.safeguardingLead, .file), (.handler, .receiveAsFiler), (.safeguardingLead, .receiveAsFiler),
             (.handler, .receiveAssigned), (.safeguardingLead, .receiveAssigned), (.investigator, .receiveAssigned):
            return nil
        case (.handler, _), (.safeguardingLead, _):
            return action == .receivePanel ? .notForRole(action, [role]) : holds ? nil : .notKeyHolder
        case (.investigator, .read), (.investigator, .export), (.investigator, .readAttachment), (.investigator, .note),
             (.investigator, .advance):
            return facts.holding == .assigned ? nil : .notAssigned
        case (.appeals, .receivePanel), (.appeals, .receiveAssigned):
            return facts.isPanelStage ? nil : .notInPanelStage(panelStage: facts.panelStage)
        case (.appeals, .read), (.appeals, .export), (.appeals, .readAttachment), (.appeals, .note), (.appeals, .advance):
            return !facts.isPanelStage ? .notInPanelStage(panelStage: facts.panelStage) : holds ? nil : .notKeyHolder
        case (.investigator, _), (.appeals, _):
            return .notForRole(action, [role])
        }
    }

    /// The most telling of several roles' refusals; refusals of the same kind are said once,
    /// naming every role.
    private static func merged(_ refusals: [AccessRefusal], action: CaseAction) -> AccessRefusal {
        guard let best = refusals.max(by: { $0.specificity < $1.specificity }) else { return .neverReadsCases([]) }
        switch best {
        case .neverReadsCases, .notForRole:
            let never = refusals.reduce(into: Set<Role>()) { if case .neverReadsCases(let roles) = $1 { $0.formUnion(roles) } }
            let notFor = refusals.reduce(into: Set<Role>()) { if case .notForRole(_, let roles) = $1 { $0.formUnion(roles) } }
            return notFor.isEmpty ? .neverReadsCases(never) : .notForRole(action, notFor.union(never))
        default:
            return best
        }
    }
}
