/// The roles of the design. Fixed in code, not in the policy file, because the access rules
/// depend on them: only four roles ever see a case's content.
public enum Role: String, CaseIterable, Sendable, Hashable, Comparable {
    case admin
    case handler
    case safeguardingLead = "safeguarding-lead"
    case investigator
    case appeals
    case executive
    case auditor

    /// Whether a person in this role may ever be given a case's key. Admins manage people,
    /// executives read anonymised summaries, auditors check the log: none of them read cases.
    public var readsContent: Bool {
        switch self {
        case .handler, .safeguardingLead, .investigator, .appeals: true
        case .admin, .executive, .auditor: false
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
