/// When the reporter must have heard back: `within` after the case entered `from`, met once the
/// case has reached any of `metBy`.
public struct FeedbackRule: Sendable, Hashable {
    public let from: String
    public let within: PolicyDuration
    public let metBy: Set<String>
}
