/// One stage of the procedure.
public struct Stage: Sendable, Hashable {
    public let id: String
    public let title: String
    /// How long a case may stay here before it is overdue; nil for no limit.
    public let due: PolicyDuration?
    /// A case here is finished: no transition leaves it, and nothing is due.
    public let isTerminal: Bool
    /// The appeals panel works cases in this stage, and in no other; exactly one stage is.
    public let isAppealsPanel: Bool
}
