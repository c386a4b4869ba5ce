/// A move from one stage to another, and who may make it.
public struct Transition: Sendable, Hashable {
    public let from: String
    public let to: String
    public let roles: Set<Role>
    /// If set, the move is allowed only this long after the case entered `from` (an appeal window).
    public let within: PolicyDuration?
}
