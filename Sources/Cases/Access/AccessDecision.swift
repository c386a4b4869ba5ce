/// `Access.decide`'s answer.
public enum AccessDecision: Sendable, Hashable {
    case allowed
    case refused(AccessRefusal)

    public var isAllowed: Bool { self == .allowed }
}
