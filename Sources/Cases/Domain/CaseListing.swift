import Foundation

/// One line of a person's case list: clear metadata only, nothing decrypted.
public struct CaseListing: Sendable, Hashable {
    public let summary: CaseSummary
    /// When the current stage is due to be left, by the procedure; nil for a stage without one.
    public let deadline: Date?
    /// True when the case was assigned to this person rather than routed to them.
    public let assignedToMe: Bool
}
