import Foundation

/// A message for one person that carries no content: case references, categories, stages and
/// deadlines, all of them clear metadata already. Never a description, a name, a note or
/// anything else that was encrypted — the type has no room for one.
public struct Notification: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A case just filed that must not wait for the digest: urgent, or routed to the
        /// safeguarding lead.
        case newCase(CaseReference, category: String, urgent: Bool)
        /// What is due, overdue or pressing for this person, from `grievance-cli reminders --notify`.
        case digest
        /// `grievance-cli notify test`: names no case.
        case test

        /// As `GRIEVANCE_NOTIFY_KIND` and the JSON message say it.
        public var name: String {
            switch self {
            case .newCase: "new-case"
            case .digest: "digest"
            case .test: "test"
            }
        }
    }

    /// Most lines one message carries; the rest are counted, and `reminders --for ID` lists them.
    /// Keeps every message small enough to hand the command whole, before it starts.
    public static let maximumLines = 100

    /// The person's id: what `GRIEVANCE_NOTIFY_TO` and the message's `To:` name, so that a mail
    /// alias (or a webhook's table) per person id finds them.
    public let recipient: String
    public let kind: Kind
    public let reminders: [Reminder]
    public let madeAt: Date

    public init(recipient: String, kind: Kind, reminders: [Reminder], madeAt: Date) {
        self.recipient = recipient
        self.kind = kind
        self.reminders = reminders
        self.madeAt = madeAt
    }

    /// One line, for a mail's subject and `GRIEVANCE_NOTIFY_SUBJECT`.
    public var subject: String {
        switch kind {
        case .newCase(let reference, let category, let urgent):
            let due = reminders.first.map { ", due \(Self.time($0.item.due))" } ?? ""
            return "Grievance: new \(urgent ? "urgent " : "")\(category) case \(reference)\(due)"
        case .digest:
            let overdue = reminders.count(where: { $0.item.isOverdue })
            let cases = Set(reminders.map(\.reference)).count
            return "Grievance: \(cases) case\(cases == 1 ? "" : "s") with deadlines" + (overdue > 0 ? ", \(overdue) overdue" : "")
        case .test:
            return "Grievance: a test of notifications"
        }
    }

    /// `2027-03-02 09:00 UTC`, as the command line shows a time.
    static func time(_ date: Date) -> String {
        let style = Date.VerbatimFormatStyle(
            format: "\(year: .defaultDigits)-\(month: .twoDigits)-\(day: .twoDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits)",
            timeZone: TimeZone(identifier: "UTC")!, calendar: Calendar(identifier: .gregorian))
        return date.formatted(style) + " UTC"
    }
}
