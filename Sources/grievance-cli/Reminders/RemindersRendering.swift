import Cases
import Foundation

/// How `reminders` prints what Cases worked out: a table per person, the unattended cases, and
/// what was sent.
enum RemindersRendering {
    static func print(_ report: ReminderReport) {
        Swift.print("As of \(Output.short(report.madeAt)): due by \(Output.short(report.until)) (within \(report.horizon)), overdue, or pressing.")
        guard !report.people.isEmpty || !report.unattended.isEmpty else { return Swift.print("Nothing is due.") }
        if !report.people.isEmpty {
            Swift.print("")
            Output.table(["PERSON", "REFERENCE", "CATEGORY", "STAGE", "DUE", "WHAT", "FLAGS"], report.people.flatMap { person in
                person.reminders.map { [person.person] + row($0) }
            })
        }
        if !report.unattended.isEmpty {
            Swift.print("")
            Swift.print("Nobody who may work these cases holds their key; the administrators are reminded:")
            Output.table(["REFERENCE", "CATEGORY", "STAGE", "DUE", "WHAT", "FLAGS"], report.unattended.map(row))
        }
    }

    private static func row(_ reminder: Reminder) -> [String] {
        let flags = [reminder.item.isOverdue ? "OVERDUE" : nil, reminder.isPressing ? "pressing" : nil, reminder.urgent ? "urgent" : nil,
                     reminder.relation == .assigned ? "assigned" : nil]
        return [reminder.reference.rawValue, reminder.category, reminder.stage, Output.short(reminder.item.due), "\(reminder.item.kind)",
                flags.compactMap { $0 }.joined(separator: ",")]
    }

    static func print(_ outcomes: [NotificationOutcome]) {
        guard !outcomes.isEmpty else { return Swift.print("Nobody has anything due; nothing was sent.") }
        for outcome in outcomes {
            let count = outcome.notification.reminders.count
            let what = "\(count) deadline\(count == 1 ? "" : "s")"
            if let failure = outcome.failure {
                var standardError = StandardError()
                Swift.print("grievance-cli: warning: could not notify \(outcome.notification.recipient) (\(what)): \(failure)", to: &standardError)
            } else {
                Swift.print("Notified \(outcome.notification.recipient): \(what).")
            }
        }
    }

    /// `--notify --json`: the report, and beside it what was sent.
    struct Sent: Encodable {
        let report: ReminderReport
        let sent: [NotificationOutcome]

        enum CodingKeys: String, CodingKey { case sent }

        func encode(to encoder: any Encoder) throws {
            try report.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(sent, forKey: .sent)
        }
    }
}
