/// A kind of report, and the roles a case of that kind is routed to on arrival.
public struct CaseCategory: Sendable, Hashable {
    public let id: String
    public let title: String
    public let routeTo: [Role]
    /// Stage deadlines that replace the stage's own for this category (safeguarding: 24 hours).
    public let due: [String: PolicyDuration]
}
