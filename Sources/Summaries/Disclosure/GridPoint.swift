/// A place in a table's extended grid: a cell, a row total (`column == columns.count`), a
/// column total (`row == rows.count`) or the total.
struct GridPoint: Sendable, Hashable {
    var row: Int
    var column: Int
}
