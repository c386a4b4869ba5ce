/// What someone holding every released table knows, as a linear program: one non-negative
/// unknown per combination of a table family's labels, per stretch of time no release splits
/// (flows) or per month-end (stocks). Every published value fixes a sum of unknowns; tables
/// of one population agree on their shared margins; overdue cases are a subset of open ones.
/// This is docs/SUMMARIES.md's model, which scripts/proofs/summaries.py builds independently.
struct AttackerModel {
    private struct Family: Hashable { var population: Population; var dimensions: [Dimension] }
    private struct Unknown: Hashable { var family: Family; var unit: Int; var labels: [String] }

    private var unknowns: [Unknown: Int] = [:]
    private var constraints: [LinearConstraint] = []
    /// Flow populations: the month ordinals where a stretch begins, sorted.
    private var boundaries: [Population: [Int]] = [:]
    /// Every label of each dimension in any table: a table that does not list one counted none.
    private var domains: [Dimension: [String]] = [:]
    private var families: [Population: [Family]] = [:]
    /// Which table (by its place in the list given) and which place of its grid each published
    /// value's constraint came from, by constraint row.
    private(set) var sources: [Int: (table: Int, point: GridPoint)] = [:]
    /// The table each constraint row came from; nil for the rules that link families.
    private var constraintTables: [Int?] = []
    /// Each family's published periods (flows), as month ordinals.
    private var publishedSpans: [Family: Set<[Int]>] = [:]

    /// Builds the program from the tables' published values, and the unknowns of `shapes`
    /// without any of their values (what earlier releases alone say about tables to come). Nil
    /// when a table does not describe its own arithmetic (a damaged ledger).
    init?(tables released: [ReleasedTable], shapes: [SummaryTable] = []) {
        let tables = released.map(\.table)
        var stockMonths = Set<Int>()
        for table in tables + shapes {
            guard let shape = table.shape, table.terms() != nil else { return nil }
            let family = Family(population: shape.population, dimensions: shape.dimensions.sorted { $0.rawValue < $1.rawValue })
            if !(families[shape.population]?.contains(family) ?? false) { families[shape.population, default: []].append(family) }
            for (index, dimension) in shape.dimensions.enumerated() {
                let labels = index == 0 ? shape.rows : shape.columns
                for label in labels where !domains[dimension, default: []].contains(label) { domains[dimension, default: []].append(label) }
            }
            if case .during(let range) = shape.span, shape.rowPeriods == nil {
                publishedSpans[family, default: []].insert([range.from.ordinal, range.to.ordinal])
            }
            for range in Self.ranges(of: shape) {
                boundaries[shape.population, default: []].append(contentsOf: [range.from.ordinal, range.to.ordinal + 1])
            }
            if case .atEndOf(let month) = shape.span { stockMonths.insert(month.ordinal) }
        }
        for (population, marks) in boundaries { boundaries[population] = Array(Set(marks)).sorted() }
        // Every family, every unit, every combination of labels: an unknown.
        for (population, list) in familiesInOrder {
            for family in list {
                for unit in units(of: population, stockMonths: stockMonths) {
                    for labels in combinations(family) { unknowns[Unknown(family: family, unit: unit, labels: labels)] = unknowns.count }
                }
            }
        }
        for (index, table) in released.enumerated() { constrain(table.table, index: index, withheldZeros: table.withheldZeros) }
        link(stockMonths: stockMonths)
    }

    var variableCount: Int { unknowns.count }

    /// The families by population, in the populations' declared order: a dictionary's own order
    /// follows the process's hash seed, and with it the unknowns' numbering, the order of the
    /// checks and which of two equal repairs is chosen; the same ledger must give the same release.
    private var familiesInOrder: [(population: Population, list: [Family])] {
        Population.allCases.compactMap { population in families[population].map { (population, $0) } }
    }

    /// The published values behind constraint rows, in row order (rows of withheld values and
    /// of the rules that link families have none).
    func sources(of rows: Set<Int>) -> [(table: Int, point: GridPoint)] { rows.sorted().compactMap { sources[$0] } }
    var allConstraints: [LinearConstraint] { constraints }

    /// The unknowns whose sum a term is.
    func variables(of term: SummaryTerm) -> [Int] {
        let family = Family(population: term.population, dimensions: term.family.sorted { $0.rawValue < $1.rawValue })
        let units = self.units(of: term.span, population: term.population)
        return combinations(family).filter { Self.matches(family.dimensions, $0, term.assignment) }.flatMap { labels in
            units.compactMap { unknowns[Unknown(family: family, unit: $0, labels: labels)] }
        }
    }

    /// Whether labels given to dimensions agree with every value an assignment fixes.
    private static func matches(_ dimensions: [Dimension], _ labels: [String], _ assignment: [Dimension: String]) -> Bool {
        zip(dimensions, labels).allSatisfy { dimension, label in assignment[dimension].map { $0 == label } ?? true }
    }

    /// The constraint rows that tables from `firstTable` on gave.
    func rows(fromTable firstTable: Int) -> Set<Int> {
        Set(constraintTables.indices.filter { (constraintTables[$0] ?? -1) >= firstTable })
    }

    /// The counts no table publishes but overlapping periods imply: for each flow family, over
    /// every run of consecutive stretches of months that is not itself a period the family was
    /// published for (March, given January–February and the quarter; the fourth quarter, given
    /// three quarters and the year), each cell, each margin and the total. Each is a count an
    /// attacker may work out by subtraction, so the audit checks it like a withheld one.
    func impliedCounts() -> [(variables: [Int], term: SummaryTerm)] {
        var implied: [(variables: [Int], term: SummaryTerm)] = []
        for (population, list) in familiesInOrder where !population.isStock {
            let marks = boundaries[population] ?? []
            guard marks.count >= 2 else { continue }
            for family in list {
                // Every labelling of every subset of the family's dimensions: cells, margins, total.
                let patterns = family.dimensions.reduce([[Dimension: String]()]) { partial, dimension in
                    partial + partial.flatMap { prefix in (domains[dimension] ?? []).map { prefix.merging([dimension: $0]) { $1 } } }
                }
                for first in 0..<(marks.count - 1) {
                    for last in first..<(marks.count - 1) where !(publishedSpans[family]?.contains([marks[first], marks[last + 1] - 1]) ?? false) {
                        let span = TableSpan.during(MonthRange(from: Month(ordinal: marks[first]), to: Month(ordinal: marks[last + 1] - 1)))
                        for assignment in patterns {
                            let term = SummaryTerm(population: population, family: family.dimensions, assignment: assignment, span: span)
                            implied.append((variables(of: term), term))
                        }
                    }
                }
            }
        }
        return implied
    }

    // MARK: - Building

    private static func ranges(of shape: TableShape) -> [MonthRange] {
        guard case .during(let range) = shape.span else { return [] }
        return [range] + (shape.rowPeriods ?? [])
    }

    private func units(of population: Population, stockMonths: Set<Int>) -> [Int] {
        if population.isStock { return stockMonths.sorted() }
        let marks = boundaries[population] ?? []
        return marks.isEmpty ? [] : Array(0..<(marks.count - 1))
    }

    /// Flows: the stretches inside the range; stocks: the month.
    private func units(of span: TableSpan, population: Population) -> [Int] {
        switch span {
        case .atEndOf(let month): return [month.ordinal]
        case .during(let range):
            let marks = boundaries[population] ?? []
            return marks.indices.dropLast().filter { marks[$0] >= range.from.ordinal && marks[$0 + 1] <= range.to.ordinal + 1 }
        }
    }

    private func combinations(_ family: Family) -> [[String]] {
        family.dimensions.reduce([[]]) { partial, dimension in
            partial.flatMap { prefix in (domains[dimension] ?? []).map { prefix + [$0] } }
        }
    }

    private mutating func constrain(_ table: SummaryTable, index: Int, withheldZeros: Set<GridPoint>) {
        guard let shape = table.shape, let terms = table.terms() else { return }
        let width = shape.columns.count + 1
        for (position, (value, term)) in terms.enumerated() {
            switch value {
            case .count(let count):
                sources[constraints.count] = (index, GridPoint(row: position / width, column: position % width))
                constraints.append(.equal(variables(of: term), to: Double(count)))
            case .withheld:
                // Zero is shown but where showing it would give a count away: the attacker is
                // credited with knowing which withheld values are at least one.
                let point = GridPoint(row: position / width, column: shape.isTwoWay ? position % width : 0)
                constraints.append(LinearConstraint(terms: Dictionary(variables(of: term).map { ($0, 1.0) }, uniquingKeysWith: +),
                                                    lower: withheldZeros.contains(point) ? 0 : 1, upper: .greatestFiniteMagnitude))
            }
            constraintTables.append(index)
        }
        // A label the population has elsewhere but this table does not list had no cases here.
        for (position, dimension) in shape.dimensions.enumerated() {
            let listed = Set(position == 0 ? shape.rows : shape.columns)
            for label in domains[dimension] ?? [] where !listed.contains(label) {
                let absent = SummaryTerm(population: shape.population, family: shape.dimensions, assignment: [dimension: label], span: shape.span)
                constraints.append(.equal(variables(of: absent), to: 0))
                constraintTables.append(index)
            }
        }
    }

    private mutating func link(stockMonths: Set<Int>) {
        for (population, list) in familiesInOrder {
            for unit in units(of: population, stockMonths: stockMonths) {
                for (i, first) in list.enumerated() {
                    for second in list.dropFirst(i + 1) { agree(first, second, unit: unit, lower: 0, upper: 0) }
                }
            }
        }
        // Overdue cases are open: no margin of overdue exceeds the same margin of open.
        for overdue in families[.overdue] ?? [] {
            for open in families[.open] ?? [] {
                for unit in stockMonths.sorted() { agree(overdue, open, unit: unit, lower: -.greatestFiniteMagnitude, upper: 0) }
            }
        }
    }

    /// lower ≤ (first's margin − second's margin) ≤ upper, for every labelling of their shared dimensions.
    private mutating func agree(_ first: Family, _ second: Family, unit: Int, lower: Double, upper: Double) {
        let shared = first.dimensions.filter(second.dimensions.contains)
        let labellings = shared.reduce([[Dimension: String]()]) { partial, dimension in
            partial.flatMap { prefix in (domains[dimension] ?? []).map { prefix.merging([dimension: $0]) { $1 } } }
        }
        for labelling in labellings {
            var terms: [Int: Double] = [:]
            for (family, sign) in [(first, 1.0), (second, -1.0)] {
                for labels in combinations(family) where Self.matches(family.dimensions, labels, labelling) {
                    if let index = unknowns[Unknown(family: family, unit: unit, labels: labels)] { terms[index, default: 0] += sign }
                }
            }
            if !terms.isEmpty {
                constraints.append(LinearConstraint(terms: terms, lower: lower, upper: upper))
                constraintTables.append(nil)
            }
        }
    }
}
