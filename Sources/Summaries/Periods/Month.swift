import Foundation

/// A calendar month in UTC: the finest time a summary ever shows.
public struct Month: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Months since January of year 0, so that ranges and differences are arithmetic.
    public let ordinal: Int

    public init(year: Int, month: Int) {
        precondition((1...12).contains(month))
        ordinal = year * 12 + month - 1
    }

    init(ordinal: Int) { self.ordinal = ordinal }

    public var year: Int { ordinal / 12 }
    public var month: Int { ordinal % 12 + 1 }
    public var quarter: Int { (month - 1) / 3 + 1 }

    public func adding(_ months: Int) -> Month { Month(ordinal: ordinal + months) }

    /// Midnight UTC on its first day.
    public var start: Date {
        var components = DateComponents()
        components.year = year
        components.month = month
        components.day = 1
        return Self.calendar.date(from: components)!
    }

    /// The month holding `date`, in UTC.
    public init(containing date: Date) {
        let parts = Self.calendar.dateComponents([.year, .month], from: date)
        self.init(year: parts.year!, month: parts.month!)
    }

    /// `2027-03`.
    public var description: String { String(format: "%04d-%02d", year, month) }

    /// Parses `2027-03`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), (1...9999).contains(year), (1...12).contains(month)
        else { return nil }
        self.init(year: year, month: month)
    }

    public static func < (lhs: Month, rhs: Month) -> Bool { lhs.ordinal < rhs.ordinal }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let month = Month(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a month: \(text)"))
        }
        self = month
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
