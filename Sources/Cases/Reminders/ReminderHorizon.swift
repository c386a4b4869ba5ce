import Foundation

/// How far ahead reminders look: `36h`, `3d`, `1w`, or as the procedure writes it ("3 days").
/// Between an hour and 90 days; three days by default, so that Friday's digest shows what falls
/// due over the weekend and on Monday morning.
public struct ReminderHorizon: Sendable, Hashable, CustomStringConvertible {
    public static let standard = ReminderHorizon(uncheckedHours: 72)
    public static let hoursAllowed = 1...(90 * 24)

    public let hours: Int

    private init(uncheckedHours hours: Int) { self.hours = hours }

    public init(hours: Int) throws(CasesError) {
        guard Self.hoursAllowed.contains(hours) else {
            throw .invalid(.horizon, .outside("from 1 hour to 90 days"))
        }
        self.hours = hours
    }

    public init(parsing text: String) throws(CasesError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let duration = PolicyDuration(parsing: trimmed), let hours = Self.hours(of: duration) {
            try self.init(hours: hours)
            return
        }
        guard let unit = trimmed.last, let value = Int(trimmed.dropLast()), value > 0, value <= 100_000,
              let perUnit = ["h": 1, "d": 24, "w": 168][unit]
        else { throw .invalid(.horizon, .malformed("write it as a number and h, d or w: 36h, 3d, 1w")) }
        try self.init(hours: value * perUnit)
    }

    /// Months and years have no fixed length in hours, and are longer than any horizon anyway.
    private static func hours(of duration: PolicyDuration) -> Int? {
        switch duration.unit {
        case .hours: duration.value
        case .days: duration.value * 24
        case .weeks: duration.value * 168
        case .months, .years: nil
        }
    }

    public var interval: TimeInterval { TimeInterval(hours) * 3600 }

    public var description: String {
        hours % 24 == 0 ? PolicyDuration(value: hours / 24, unit: .days).description : PolicyDuration(value: hours, unit: .hours).description
    }
}
