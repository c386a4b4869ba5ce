/// A table of true counts, before disclosure control: never given out as it is.
struct CountTable: Sendable, Hashable {
    var shape: TableShape
    /// [row][column]
    var cells: [[Int]]

    init(shape: TableShape, cells: [[Int]]) {
        precondition(cells.count == shape.rows.count && cells.allSatisfy { $0.count == shape.columns.count })
        self.shape = shape
        self.cells = cells
    }

    var rowTotals: [Int] { cells.map { $0.reduce(0, +) } }
    var columnTotals: [Int] { shape.columns.indices.map { column in cells.reduce(0) { $0 + $1[column] } } }
    var total: Int { rowTotals.reduce(0, +) }

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
