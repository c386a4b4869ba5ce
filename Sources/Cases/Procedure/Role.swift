/// The roles of the design. Fixed in code, not in the policy file, because the access rule
/// (`Access`) depends on them.
public enum Role: String, CaseIterable, Sendable, Hashable, Comparable {
    case admin
    case handler
    case safeguardingLead = "safeguarding-lead"
    case investigator
    case appeals
    case executive
    case auditor

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
