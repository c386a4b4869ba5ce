/// A place in a table's extended grid: a cell, a row total (`column == columns.count`), a
/// column total (`row == rows.count`) or the total.
package struct GridPoint: Sendable, Hashable {
    package var row: Int
    package var column: Int

    package init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }
}
