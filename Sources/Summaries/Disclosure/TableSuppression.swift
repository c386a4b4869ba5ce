/// Which values of one table are withheld, and the greedy choice that protects each one: in a
/// two-way table, a rectangle of withheld non-zero values (moving one case around it changes
/// no published total, in either direction); in a one-way table, a second withheld non-zero
/// value. Totals are chosen only when no cell will do.
struct TableSuppression: Sendable {
    let table: CountTable
    let marker: String
    private(set) var withheld: Set<GridPoint> = []
    /// Values the earlier releases already fix exactly: published as they are, never a partner.
    let known: Set<GridPoint>

    /// What choosing a total costs beside choosing a cell: a last resort.
    private static let totalPenalty = 1_000_000

    init(table: CountTable, threshold: Int, known: Set<GridPoint>) {
        self.table = table
        self.known = known
        marker = "<\(threshold)"
        for point in points where (1..<threshold).contains(value(point)) { withheld.insert(point) }
        protectAll()
    }

    private var rowCount: Int { table.shape.rows.count }
    private var columnCount: Int { table.shape.columns.count }
    /// One-way tables (and trends) have one column, whose row totals repeat it: their grid is
    /// that column and its total.
    private var isOneWay: Bool { !table.shape.isTwoWay }

    var points: [GridPoint] {
        let columns = isOneWay ? [0] : Array(0...columnCount)
        return (0...rowCount).flatMap { row in columns.map { GridPoint(row: row, column: $0) } }
    }

    func value(_ point: GridPoint) -> Int { table.value(row: point.row, column: point.column) }

    func isTotal(_ point: GridPoint) -> Bool { point.row == rowCount || (!isOneWay && point.column == columnCount) }

    /// The published value at any place of the extended grid.
    func published(row: Int, column: Int) -> PublishedCount {
        let point = isOneWay ? GridPoint(row: row, column: 0) : GridPoint(row: row, column: column)
        return withheld.contains(point) ? .withheld(marker) : .count(value(point))
    }

    var summaryTable: SummaryTable { SummaryTable(shape: table.shape, published: published(row:column:)) }

    /// The table as published, with the ledger's note of the withheld values the attacker is not
    /// credited with knowing to be at least one: the zeros, or every one.
    func released(creditingPositive: Bool) -> ReleasedTable {
        ReleasedTable(table: summaryTable, withheldZeros: creditingPositive ? withheld.filter { value($0) == 0 } : withheld)
    }

    /// Where a place of the full grid lives in this table's own: a one-way table's row totals
    /// are its cells.
    func normalised(_ point: GridPoint) -> GridPoint { isOneWay ? GridPoint(row: point.row, column: 0) : point }

    /// Withholds one more value (a repair the audit asked for) and protects it.
    mutating func withhold(_ point: GridPoint) {
        withheld.insert(normalised(point))
        protectAll()
    }

    private func cost(_ point: GridPoint) -> Int? {
        if withheld.contains(point) { return value(point) >= 1 ? 0 : nil }
        guard value(point) >= 1, !known.contains(point) else { return nil }
        return value(point) + (isTotal(point) ? Self.totalPenalty : 0)
    }

    private mutating func protectAll() {
        var changed = true
        while changed {
            changed = false
            for point in withheld.sorted(by: { ($0.row, $0.column) < ($1.row, $1.column) }) where !isProtected(point) {
                guard let partners = cheapestPartners(of: point) else { continue }
                withheld.formUnion(partners)
                changed = true
            }
        }
    }

    private func isProtected(_ point: GridPoint) -> Bool {
        cheapestPartners(of: point).map { $0.allSatisfy(withheld.contains) } ?? true
    }

    /// The partners that protect `point` at least cost (nil when none can).
    private func cheapestPartners(of point: GridPoint) -> [GridPoint]? {
        var best: (cost: Int, points: [GridPoint])?
        func consider(_ candidates: [GridPoint]) {
            var total = 0
            for candidate in candidates {
                guard let cost = cost(candidate) else { return }
                total += cost
            }
            if best == nil || total < best!.cost { best = (total, candidates) }
        }
        if isOneWay {
            for row in 0...rowCount where row != point.row { consider([GridPoint(row: row, column: 0)]) }
        } else {
            for row in 0...rowCount where row != point.row {
                for column in 0...columnCount where column != point.column {
                    consider([GridPoint(row: point.row, column: column), GridPoint(row: row, column: point.column), GridPoint(row: row, column: column)])
                }
            }
        }
        return best?.points
    }
}
