/// What a table counts, apart from the counts: its population and span, the dimensions of its
/// rows and columns, and their labels. A one-way table has one column, `cases`; a trend table
/// has no dimension and a period per row.
public struct TableShape: Sendable, Hashable {
    public var name: String
    public var population: Population
    /// None (a trend), one (rows) or two (rows, then columns).
    public var dimensions: [Dimension]
    public var span: TableSpan
    /// A trend's rows: each its own period.
    public var rowPeriods: [MonthRange]?
    public var rows: [String]
    public var columns: [String]

    public static let casesColumn = "cases"

    public var isTwoWay: Bool { dimensions.count == 2 }

    /// Which cases the value at (row, column) counts: the dimensions it fixes and when. Index
    /// `rows.count` is the column totals' row, `columns.count` the row totals' column.
    public func term(row: Int, column: Int) -> SummaryTerm {
        var assignment: [Dimension: String] = [:]
        if row < rows.count, let dimension = dimensions.first { assignment[dimension] = rows[row] }
        if isTwoWay, column < columns.count { assignment[dimensions[1]] = columns[column] }
        var span = span
        if let rowPeriods, row < rows.count { span = .during(rowPeriods[row]) }
        return SummaryTerm(population: population, family: dimensions, assignment: assignment, span: span)
    }
}
