/// What one person is reminded of, soonest deadline first.
public struct PersonReminders: Sendable, Hashable, Encodable {
    /// Their id: the name a mail alias or a webhook maps to a person.
    public let person: String
    public let reminders: [Reminder]

    public var overdueCount: Int { reminders.count(where: { $0.item.isOverdue }) }
}
