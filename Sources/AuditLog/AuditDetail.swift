/// One key–value pair of an entry's details: facts about the action that are not secret (a stage,
/// a role, a count), never complaint content.
public struct AuditDetail: Sendable, Hashable {
    public let key: String
    public let value: String

    public init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }
}
