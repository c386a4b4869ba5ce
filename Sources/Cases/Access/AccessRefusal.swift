/// Why the access rule refuses a person an action on a case.
public enum AccessRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    case disabled
    case excluded
    case notKeyHolder
    /// Investigators work only the cases assigned to them.
    case notAssigned
    /// The appeals panel works a case only in the stage the procedure gives it (named here).
    case notInPanelStage(panelStage: String)
    /// The case's category is not routed to the person's role.
    case notRouted
    /// These roles never see a case's content.
    case neverReadsCases(Set<Role>)
    /// The action is not one these roles take.
    case notForRole(CaseAction, Set<Role>)

    /// The reason as the audit log records it.
    public var reason: String {
        switch self {
        case .disabled: "disabled"
        case .excluded: "excluded"
        case .notKeyHolder: "not-key-holder"
        case .notAssigned: "not-assigned"
        case .notInPanelStage: "not-in-appeal"
        case .notRouted: "not-routed"
        case .neverReadsCases, .notForRole: "role"
        }
    }

    public var description: String {
        switch self {
        case .disabled: "this account is disabled"
        case .excluded: "excluded from the case (a conflict of interest)"
        case .notKeyHolder: "the case is neither routed nor assigned to you"
        case .notAssigned: "investigators work only the cases assigned to them"
        case .notInPanelStage(let stage): "the appeals panel works a case only in its stage '\(stage)'"
        case .notRouted: "the case's category is not routed to your roles"
        case .neverReadsCases(let roles): "\(Self.list(roles)) never sees case content"
        case .notForRole(let action, let roles): "\(action.phrase) is not for \(Self.list(roles))"
        }
    }

    /// How telling a refusal is, when several roles refuse for different reasons: the person
    /// hears the one closest to what they could do about it.
    var specificity: Int {
        switch self {
        case .neverReadsCases, .notForRole: 0
        case .notRouted: 1
        case .notAssigned, .notInPanelStage: 2
        case .notKeyHolder: 3
        case .disabled, .excluded: 4
        }
    }

    private static func list(_ roles: Set<Role>) -> String { roles.sorted().map { "'\($0.rawValue)'" }.joined(separator: ", ") }
}
