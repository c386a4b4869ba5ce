import Foundation

/// A span of time as a person writes it in the policy: "24 hours", "7 days", "3 months".
/// Months and years follow the calendar (in UTC), as a person reading "3 months" expects.
public struct PolicyDuration: Sendable, Hashable, CustomStringConvertible {
    public enum Unit: String, Sendable, CaseIterable {
        case hours, days, weeks, months, years
    }

    public let value: Int
    public let unit: Unit

    public init(value: Int, unit: Unit) {
        self.value = value
        self.unit = unit
    }

    /// Parses "N unit" (singular or plural); nil for anything else.
    public init?(parsing text: String) {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, let value = Int(parts[0]), value > 0, value <= 10_000 else { return nil }
        let word = parts[1].lowercased()
        guard let unit = Unit(rawValue: word) ?? Unit(rawValue: word + "s") else { return nil }
        self.init(value: value, unit: unit)
    }

    /// `date` moved forward by this duration.
    public func after(_ date: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let component: Calendar.Component = switch unit {
        case .hours: .hour
        case .days: .day
        case .weeks: .weekOfYear
        case .months: .month
        case .years: .year
        }
        return calendar.date(byAdding: component, value: value, to: date)!
    }

    public var description: String { "\(value) \(value == 1 ? String(unit.rawValue.dropLast()) : unit.rawValue)" }
}
