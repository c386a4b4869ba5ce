/// A table as given out. In JSON: `name`, `rows`, `columns`, `cells`, `row_totals`,
/// `column_totals` and `total`, each value an integer or the withheld marker, and what an
/// outside checker needs to rebuild the arithmetic: `population`, `dimensions`, and `from`/`to`
/// (cases during those months), or `at` (cases at the end of that month), or `row_periods`.
public struct SummaryTable: Sendable, Hashable, Codable {
    public var name: String
    public var population: Population
    public var dimensions: [Dimension]
    public var from: Month?
    public var to: Month?
    public var at: Month?
    public var rowPeriods: [MonthRange]?
    public var rows: [String]
    public var columns: [String]
    public var cells: [[PublishedCount]]
    public var rowTotals: [PublishedCount]
    public var columnTotals: [PublishedCount]
    public var total: PublishedCount

    enum CodingKeys: String, CodingKey {
        case name, population, dimensions, from, to, at, rows, columns, cells, total
        case rowPeriods = "row_periods"
        case rowTotals = "row_totals"
        case columnTotals = "column_totals"
    }

    init(shape: TableShape, published: (Int, Int) -> PublishedCount) {
        name = shape.name
        population = shape.population
        dimensions = shape.dimensions
        switch shape.span {
        case .during(let range): (from, to, at) = (range.from, range.to, nil)
        case .atEndOf(let month): (from, to, at) = (nil, nil, month)
        }
        rowPeriods = shape.rowPeriods
        rows = shape.rows
        columns = shape.columns
        cells = shape.rows.indices.map { row in shape.columns.indices.map { published(row, $0) } }
        rowTotals = shape.rows.indices.map { published($0, shape.columns.count) }
        columnTotals = shape.columns.indices.map { published(shape.rows.count, $0) }
        total = published(shape.rows.count, shape.columns.count)
    }

    public var shape: TableShape? {
        let span: TableSpan
        if let at { span = .atEndOf(at) } else if let from, let to, from <= to { span = .during(MonthRange(from: from, to: to)) } else { return nil }
        return TableShape(name: name, population: population, dimensions: dimensions, span: span, rowPeriods: rowPeriods, rows: rows, columns: columns)
    }

    /// The value at (row, column) of the extended grid (totals last).
    public func value(row: Int, column: Int) -> PublishedCount {
        switch (row < rows.count, column < columns.count) {
        case (true, true): cells[row][column]
        case (true, false): rowTotals[row]
        case (false, true): columnTotals[column]
        case (false, false): total
        }
    }

    /// Every value with the cases it counts; a one-way table's row totals repeat its cells.
    public func terms() -> [(value: PublishedCount, term: SummaryTerm)]? {
        guard let shape, cells.count == rows.count, cells.allSatisfy({ $0.count == columns.count }), rowTotals.count == rows.count,
              columnTotals.count == columns.count, rowPeriods.map({ $0.count == rows.count }) ?? true, dimensions.count <= 2
        else { return nil }
        var terms: [(PublishedCount, SummaryTerm)] = []
        for row in 0...rows.count {
            for column in 0...columns.count { terms.append((value(row: row, column: column), shape.term(row: row, column: column))) }
        }
        return terms
    }
}
