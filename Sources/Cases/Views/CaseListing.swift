import Foundation

/// One line of a person's case list: clear metadata only, nothing decrypted, with what is due
/// computed by Cases' clock.
public struct CaseListing: Sendable, Hashable {
    /// How far ahead "due soon" looks.
    public static let dueSoonWithin: TimeInterval = 7 * 86_400

    public let summary: CaseSummary
    /// When the current stage is due to be left, by the procedure; nil for a stage without one.
    public let deadline: Date?
    /// True when the case was assigned to this person rather than routed to them.
    public let assignedToMe: Bool
    /// The deadline has passed.
    public let isOverdue: Bool
    /// The deadline has passed or falls within `dueSoonWithin`.
    public let isDueSoon: Bool

    init(summary: CaseSummary, deadline: Date?, assignedToMe: Bool, now: Date) {
        self.summary = summary
        self.deadline = deadline
        self.assignedToMe = assignedToMe
        isOverdue = deadline.map { $0 < now } ?? false
        isDueSoon = deadline.map { $0 <= now.addingTimeInterval(Self.dueSoonWithin) } ?? false
    }
}

extension CaseListing: Encodable {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// The summary's fields, and beside them `deadline`, `overdue`, `due_soon`, `assigned_to_me`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try summary.encodeFields(into: &container)
        try container.encode(deadline, forKey: Key(stringValue: "deadline")!)
        try container.encode(isOverdue, forKey: Key(stringValue: "overdue")!)
        try container.encode(isDueSoon, forKey: Key(stringValue: "due_soon")!)
        try container.encode(assignedToMe, forKey: Key(stringValue: "assigned_to_me")!)
    }
}
