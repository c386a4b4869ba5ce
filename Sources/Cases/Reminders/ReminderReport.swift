import Foundation

/// What is due, per person, from clear metadata alone: made without a passphrase and without
/// opening any case, so that a timer can make it.
public struct ReminderReport: Sendable, Hashable {
    /// When it was made, by Cases' clock.
    public let madeAt: Date
    public let horizon: ReminderHorizon
    /// Everyone with something due, by id; administrators for the unattended cases.
    public let people: [PersonReminders]
    /// Deadlines of cases that nobody who may work them holds the key to.
    public let unattended: [Reminder]

    /// Deadlines up to this are shown; overdue and pressing ones whatever their date.
    public var until: Date { madeAt.addingTimeInterval(horizon.interval) }

    /// The same report for these people only.
    public func only(_ ids: Set<String>) -> ReminderReport {
        ReminderReport(madeAt: madeAt, horizon: horizon, people: people.filter { ids.contains($0.person) }, unattended: unattended)
    }

    /// One digest for each person with something due.
    public var digests: [Notification] {
        people.map { Notification(recipient: $0.person, kind: .digest, reminders: $0.reminders, madeAt: madeAt) }
    }
}

extension ReminderReport: Encodable {
    enum CodingKeys: String, CodingKey {
        case madeAt = "made_at", horizonHours = "horizon_hours", until, people, unattended
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(madeAt, forKey: .madeAt)
        try container.encode(horizon.hours, forKey: .horizonHours)
        try container.encode(until, forKey: .until)
        try container.encode(people, forKey: .people)
        try container.encode(unattended, forKey: .unattended)
    }
}
