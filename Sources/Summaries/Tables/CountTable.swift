/// A table of true counts, before disclosure control: never given out as it is.
struct CountTable: Sendable, Hashable {
    let shape: TableShape
    /// [row][column]
    let cells: [[Int]]
    // Worked out once: suppression reads the totals for every candidate rectangle.
    let rowTotals: [Int]
    let columnTotals: [Int]
    let total: Int

    init(shape: TableShape, cells: [[Int]]) {
        precondition(cells.count == shape.rows.count && cells.allSatisfy { $0.count == shape.columns.count })
        self.shape = shape
        self.cells = cells
        rowTotals = cells.map { $0.reduce(0, +) }
        columnTotals = shape.columns.indices.map { column in cells.reduce(0) { $0 + $1[column] } }
        total = rowTotals.reduce(0, +)
    }

    /// The extended grid: cells, then the row totals' column, then the column totals' row.
    func value(row: Int, column: Int) -> Int {
        switch (row < shape.rows.count, column < shape.columns.count) {
        case (true, true): cells[row][column]
        case (true, false): rowTotals[row]
        case (false, true): columnTotals[column]
        case (false, false): total
        }
    }
}
