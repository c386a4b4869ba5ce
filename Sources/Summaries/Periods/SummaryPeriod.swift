import Foundation

/// What a summary covers: a calendar quarter (`2027-Q1`), month (`2027-03`) or year (`2027`),
/// or, only when asked for explicitly, any run of whole months (`2027-02..2027-05`).
public struct SummaryPeriod: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable { case month, quarter, year, adHoc = "ad-hoc" }

    public let kind: Kind
    public let range: MonthRange

    public init(kind: Kind, range: MonthRange) {
        self.kind = kind
        self.range = range
    }

    /// Parses `2027-Q1`, `2027-03` or `2027`.
    public init(parsing text: String) throws(SummaryError) {
        let upper = text.uppercased()
        if upper.count == 7, upper.dropFirst(4).hasPrefix("-Q"), let year = Int(upper.prefix(4)), let quarter = Int(upper.suffix(1)),
           (1...4).contains(quarter), (1...9999).contains(year) {
            let first = Month(year: year, month: quarter * 3 - 2)
            self.init(kind: .quarter, range: MonthRange(from: first, to: first.adding(2)))
        } else if let month = Month(text) {
            self.init(kind: .month, range: MonthRange(from: month, to: month))
        } else if text.count == 4, let year = Int(text), (1...9999).contains(year) {
            self.init(kind: .year, range: MonthRange(from: Month(year: year, month: 1), to: Month(year: year, month: 12)))
        } else {
            throw SummaryError.badPeriod(text)
        }
    }

    /// Any run of whole months, first to last: an ad-hoc summary.
    public init(adHocFrom from: String, to: String) throws(SummaryError) {
        guard let first = Month(from) else { throw SummaryError.badMonth(from) }
        guard let last = Month(to) else { throw SummaryError.badMonth(to) }
        guard first <= last else { throw SummaryError.backwards(from: from, to: to) }
        self.init(kind: .adHoc, range: MonthRange(from: first, to: last))
    }

    /// `2027-Q1`, `2027-03`, `2027`, or `2027-02..2027-05`.
    public var description: String {
        switch kind {
        case .month: range.from.description
        case .quarter: "\(range.from.year)-Q\(range.from.quarter)"
        case .year: String(format: "%04d", range.from.year)
        case .adHoc: "\(range.from)..\(range.to)"
        }
    }

    /// The same kind of period `count` before this one (ad-hoc: the same number of months).
    public func shifted(back count: Int) -> SummaryPeriod {
        SummaryPeriod(kind: kind, range: MonthRange(from: range.from.adding(-count * range.months), to: range.to.adding(-count * range.months)))
    }
}
