import Foundation

/// One deadline of one case, as a person is reminded of it: the case's reference, category and
/// stage and what is due by when. Nothing in it was ever encrypted, so nothing in it is what a
/// reporter wrote, and it may go out by mail or webhook.
public struct Reminder: Sendable, Hashable {
    /// How the person reminded comes to be reminded of this case.
    public enum Relation: String, Sendable, Hashable {
        /// They hold its key: routed to their role, filed by them, or received by the panel.
        case holder
        /// A handler assigned it to them.
        case assigned
        /// Nobody who may work it holds its key: an administrator is told, so that someone is
        /// enrolled, certified or recovered who can.
        case unattended
    }

    public let reference: CaseReference
    public let category: String
    public let stage: String
    public let urgent: Bool
    public let item: DueItem
    public let relation: Relation
    /// Shown whatever the horizon: an urgent case nobody has moved past its first stage yet, or
    /// a deadline a day or less after its stage began (the safeguarding risk assessment), which
    /// a daily look would otherwise miss.
    public let isPressing: Bool
}

extension Reminder: Encodable {
    enum CodingKeys: String, CodingKey {
        case reference, category, stage, urgent, what, due, overdue, relation, pressing
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(reference, forKey: .reference)
        try container.encode(category, forKey: .category)
        try container.encode(stage, forKey: .stage)
        try container.encode(urgent, forKey: .urgent)
        try container.encode(item.kind.description, forKey: .what)
        try container.encode(item.due, forKey: .due)
        try container.encode(item.isOverdue, forKey: .overdue)
        try container.encode(relation.rawValue, forKey: .relation)
        try container.encode(isPressing, forKey: .pressing)
    }
}
