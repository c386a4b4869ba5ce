import Foundation

/// Whole months, first to last inclusive: every period a summary counts over.
public struct MonthRange: Sendable, Hashable, Codable {
    public let from: Month
    public let to: Month

    public init(from: Month, to: Month) {
        precondition(from <= to)
        self.from = from
        self.to = to
    }

    public var months: Int { to.ordinal - from.ordinal + 1 }
    /// [start of `from`, start of the month after `to`).
    public var dates: Range<Date> { from.start..<to.adding(1).start }

    public func overlaps(_ other: MonthRange) -> Bool { from <= other.to && other.from <= to }
    public func contains(_ month: Month) -> Bool { from <= month && month <= to }
}
