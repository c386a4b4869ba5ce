import Foundation

/// Which backups a rotation keeps: the newest of each of the last `daily` days, `weekly` weeks
/// (Monday to Sunday) and `monthly` months, in UTC, counted back from now. Periods are the
/// calendar's, not "the last N that have a backup", so nothing older than `monthly` months is
/// ever kept: a case shredded by retention is gone from every backup within that bound.
public struct BackupRotation: Sendable, Hashable {
    public let daily: Int
    public let weekly: Int
    public let monthly: Int

    public init(daily: Int, weekly: Int, monthly: Int) throws {
        guard daily >= 1, weekly >= 0, monthly >= 0 else {
            throw CasesError.invalid(.rotation, .malformed("at least one daily backup is kept; weekly and monthly are 0 or more"))
        }
        self.daily = daily
        self.weekly = weekly
        self.monthly = monthly
    }

    /// One backup file and what the rotation decided for it.
    public struct Decision: Sendable, Hashable, Encodable {
        public let file: String
        public let created: Date
        /// Why it is kept (`daily 2026-11-30`, `weekly 2026-W48`, `monthly 2026-11`); empty if it goes.
        public let keptFor: [String]

        public var isKept: Bool { !keptFor.isEmpty }

        enum CodingKeys: String, CodingKey {
            case file, created
            case keptFor = "kept_for"
        }
    }

    public func decide(_ backups: [(file: String, created: Date)], now: Date) -> [Decision] {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let newestFirst = backups.sorted { ($0.created, $0.file) > ($1.created, $1.file) }
        var reasons: [String: [String]] = [:]
        // For each rule, the newest backup of each period the rule covers.
        func keep(_ rule: String, count: Int, component: Calendar.Component, label: (Date) -> String) {
            guard count > 0, let start = calendar.dateInterval(of: component, for: now)?.start,
                  let oldest = calendar.date(byAdding: component, value: -(count - 1), to: start)
            else { return }
            var seen: Set<String> = []
            for backup in newestFirst where backup.created >= oldest {
                let period = label(backup.created)
                if seen.insert(period).inserted { reasons[backup.file, default: []].append("\(rule) \(period)") }
            }
        }
        let day = Date.VerbatimFormatStyle(format: "\(year: .defaultDigits)-\(month: .twoDigits)-\(day: .twoDigits)", timeZone: calendar.timeZone, calendar: calendar)
        let month = Date.VerbatimFormatStyle(format: "\(year: .defaultDigits)-\(month: .twoDigits)", timeZone: calendar.timeZone, calendar: calendar)
        keep("daily", count: daily, component: .day) { $0.formatted(day) }
        keep("weekly", count: weekly, component: .weekOfYear) { date in
            let parts = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
            return String(format: "%04d-W%02d", parts.yearForWeekOfYear ?? 0, parts.weekOfYear ?? 0)
        }
        keep("monthly", count: monthly, component: .month) { $0.formatted(month) }
        return newestFirst.map { backup in
            // A backup from the future (a clock set wrong) is kept: nothing here can tell its age.
            Decision(file: backup.file, created: backup.created, keptFor: backup.created > now ? ["made after now"] : reasons[backup.file] ?? [])
        }
    }
}
