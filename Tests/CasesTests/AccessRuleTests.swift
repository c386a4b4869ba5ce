import Cases
import Testing

/// The access rule alone, against the design's table written out again here: every set of
/// roles × stage × key holding × exclusion × disabled × routing × action.
@Suite("The access rule")
struct AccessRuleTests {
    /// DESIGN.md's "Who uses it", as a table: who may do what, given the facts.
    static func designAllows(_ roles: Set<Role>, disabled: Bool, _ action: CaseAction, _ facts: CaseFacts) -> Bool {
        guard !disabled, !facts.isExcluded else { return false }
        let working: Set<CaseAction> = [.read, .export, .readAttachment, .note, .advance]
        return roles.contains { role in
            switch role {
            case .admin, .executive, .auditor:
                return false
            case .handler, .safeguardingLead:
                switch action {
                case .file, .receiveAsFiler, .receiveAssigned: return true
                case .receiveRouted: return facts.routedRoles.contains(role)
                case .receivePanel: return false
                case .read, .export, .readAttachment, .note, .message, .assign, .advance, .exclude, .hold: return facts.holding != .none
                }
            case .investigator:
                return action == .receiveAssigned || (working.contains(action) && facts.holding == .assigned)
            case .appeals:
                if action == .receivePanel || action == .receiveAssigned { return facts.isPanelStage }
                return working.contains(action) && facts.isPanelStage && facts.holding != .none
            }
        }
    }

    static let roleSets: [Set<Role>] = (0..<(1 << Role.allCases.count)).map { mask in
        Set(Role.allCases.enumerated().filter { mask & (1 << $0.offset) != 0 }.map(\.element))
    }

    @Test("every role set × stage × holding × exclusion × disabled × routing × action agrees with the design")
    func exhaustive() {
        let routings: [Set<Role>] = [[], [.handler], [.safeguardingLead], [.handler, .safeguardingLead]]
        var checked = 0
        var allowed = 0
        for roles in Self.roleSets {
            for stage in ["received", "appeal"] {
                for holding in KeyHolding.allCases {
                    for excluded in [false, true] {
                        for routed in routings {
                            let facts = CaseFacts(stage: stage, panelStage: "appeal", routedRoles: routed, holding: holding, isExcluded: excluded)
                            for disabled in [false, true] {
                                let person = Principal(id: "p", name: "P", roles: roles, boxPublicKey: [], signingPublicKey: [], isDisabled: disabled)
                                for action in CaseAction.allCases {
                                    let expected = Self.designAllows(roles, disabled: disabled, action, facts)
                                    let decision = Access.decide(person, action, facts)
                                    #expect(decision.isAllowed == expected, "\(roles.sorted()) \(action) at \(stage), \(holding), excluded \(excluded), disabled \(disabled)")
                                    checked += 1
                                    if expected { allowed += 1 }
                                }
                            }
                        }
                    }
                }
            }
        }
        #expect(checked == 128 * 2 * 3 * 2 * 4 * 2 * CaseAction.allCases.count)
        #expect(allowed > 0 && allowed < checked)
    }

    @Test("a refusal says the reason closest to what the person could do about it")
    func reasons() {
        func refusal(_ roles: Set<Role>, _ action: CaseAction, stage: String = "investigation", holding: KeyHolding, disabled: Bool = false,
                     excluded: Bool = false) -> AccessRefusal? {
            let person = Principal(id: "p", name: "P", roles: roles, boxPublicKey: [], signingPublicKey: [], isDisabled: disabled)
            if case .refused(let refusal) = Access.decide(person, action, CaseFacts(stage: stage, panelStage: "appeal", holding: holding, isExcluded: excluded)) {
                return refusal
            }
            return nil
        }
        #expect(refusal([.investigator], .read, holding: .held) == .notAssigned)
        #expect(refusal([.appeals], .read, holding: .held) == .notInPanelStage(panelStage: "appeal"))
        #expect(refusal([.handler], .read, holding: .none) == .notKeyHolder)
        #expect(refusal([.handler, .investigator], .read, holding: .none) == .notKeyHolder)
        #expect(refusal([.investigator, .appeals], .read, stage: "closed", holding: .held) == .notAssigned)
        #expect(refusal([.admin], .read, holding: .held) == .neverReadsCases([.admin]))
        #expect(refusal([.admin, .executive], .read, holding: .held) == .neverReadsCases([.admin, .executive]))
        #expect(refusal([.investigator], .message, holding: .assigned) == .notForRole(.message, [.investigator]))
        #expect(refusal([.investigator, .auditor], .message, holding: .assigned) == .notForRole(.message, [.investigator, .auditor]))
        #expect(refusal([.handler], .read, holding: .held, disabled: true) == .disabled)
        #expect(refusal([.handler], .read, holding: .held, excluded: true) == .excluded)
        #expect(refusal([.handler], .read, holding: .held) == nil)
        #expect(AccessRefusal.notInPanelStage(panelStage: "review").description.contains("'review'"))
    }

    @Test("who may ever hold a case: the four roles that read, never the other three")
    func mayEverHold() {
        for roles in Self.roleSets {
            let person = Principal(id: "p", name: "P", roles: roles, boxPublicKey: [], signingPublicKey: [], isDisabled: false)
            #expect(Access.mayEverHold(person) == !roles.isDisjoint(with: [.handler, .safeguardingLead, .investigator, .appeals]))
        }
    }
}
