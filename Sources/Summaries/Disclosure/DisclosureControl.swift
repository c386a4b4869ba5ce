/// Decides what a new summary withholds: every non-zero count under the threshold, then the
/// rectangles that protect each, then an audit — the attacker's least and greatest value for
/// every withheld count, and for every count overlapping periods imply, over this summary and
/// every one released before — repaired by withholding more until no withheld count is narrowed
/// to a single value and no implied count to a single value under the threshold.
struct DisclosureControl {
    let threshold: Int
    /// Earlier releases' tables, as published, with the ledger's note of their withheld zeros.
    let earlier: [ReleasedTable]

    /// How many repairs one summary may need before the method gives up; each withholds a value,
    /// so this bounds the work, not the protection.
    private static let repairLimit = 400
    /// Random objectives solved first, for feasible points far apart (LinearProgram.sample).
    private static let samplingObjectives = 6

    /// The tables as they may be released. The audit first credits the attacker with knowing
    /// that every withheld value is at least one; where no further withholding can protect a
    /// value against that attacker (a known total of 5 over five withheld groups), it protects
    /// against one who cannot tell a withheld zero, and the ledger notes that every value of this
    /// release may be zero, so later audits credit nothing more.
    func publish(_ tables: [CountTable]) throws(SummaryError) -> [ReleasedTable] {
        let known = try knownPoints(tables)
        do {
            return try publish(tables, known: known, creditingPositive: true)
        } catch .ledgerDiscloses {
            return try publish(tables, known: known, creditingPositive: false)
        }
    }

    private func publish(_ tables: [CountTable], known: [Set<GridPoint>], creditingPositive: Bool) throws(SummaryError) -> [ReleasedTable] {
        var suppressions = tables.indices.map { TableSuppression(table: tables[$0], threshold: threshold, known: known[$0]) }
        // A repair only withholds more, which only widens the attacker's bounds: what was found
        // safe stays safe for the rest of this summary, and is not solved again.
        var safe = Set<SummaryTerm>()
        for _ in 0..<Self.repairLimit {
            let published = suppressions.map { $0.released(creditingPositive: creditingPositive) }
            guard let finding = try firstNarrowed(in: published, safe: &safe) else { return published }
            // Withhold the smallest published value of this summary among those that set the
            // attacker's bounds; failing that, among those that count some of the same cases;
            // failing that, among those that fix a value the bounds were set through.
            func cost(_ index: Int, _ point: GridPoint) -> Int? {
                let suppression = suppressions[index]
                let normal = suppression.normalised(point)
                guard !suppression.withheld.contains(normal), !suppression.known.contains(normal) else { return nil }
                // A zero is withheld only before a total: it makes the marker stand for zero too.
                let value = suppression.value(normal)
                return (value == 0 ? 500_000 : value) + (suppression.isTotal(normal) ? 1_000_000 : 0)
            }
            var choice: (table: Int, point: GridPoint, cost: Int)?
            func consider(_ sources: [(table: Int, point: GridPoint)]) {
                for (table, point) in sources where table >= earlier.count {
                    if let cost = cost(table - earlier.count, point), choice == nil || cost < choice!.cost { choice = (table - earlier.count, point, cost) }
                }
            }
            consider(finding.binding)
            if choice == nil {
                for (index, suppression) in suppressions.enumerated() {
                    for point in suppression.points where suppression.table.shape.term(row: point.row, column: point.column).overlaps(finding.term) {
                        if let cost = cost(index, point), choice == nil || cost < choice!.cost { choice = (index, point, cost) }
                    }
                }
            }
            if choice == nil { consider(finding.behind) }
            guard let choice else { throw SummaryError.ledgerDiscloses(Self.describe(finding.term)) }
            suppressions[choice.table].withhold(choice.point)
        }
        throw SummaryError.solverFailed("more than \(Self.repairLimit) repairs were needed")
    }

    /// For each new table, the values the earlier releases already fix exactly.
    private func knownPoints(_ tables: [CountTable]) throws(SummaryError) -> [Set<GridPoint>] {
        guard !earlier.isEmpty else { return tables.map { _ in [] } }
        let earlierTerms = earlier.flatMap { $0.table.terms() ?? [] }.map(\.term)
        // Tables about cases no earlier release counted need no solving.
        let related = tables.map { table in
            let probe = table.shape.term(row: table.shape.rows.count, column: table.shape.columns.count)
            return earlierTerms.contains { $0.overlaps(probe) || probe.overlaps($0) }
        }
        guard related.contains(true) else { return tables.map { _ in [] } }
        let shapes = tables.map { SummaryTable(shape: $0.shape) { _, _ in .withheld("") } }
        guard let model = AttackerModel(tables: earlier, shapes: shapes) else { throw SummaryError.damagedLedger("a table does not add up to its own shape") }
        let program = LinearProgram(variables: model.variableCount, constraints: model.allConstraints)
        try program.sample(objectives: Self.samplingObjectives)
        var known: [Set<GridPoint>] = []
        for (index, table) in tables.enumerated() {
            var fixed = Set<GridPoint>()
            if related[index] {
                let rows = table.shape.rows.count, columns = table.shape.columns.count
                for row in 0...rows {
                    // A count under the threshold is withheld whatever is known of it.
                    for column in 0...(table.shape.isTwoWay ? columns : 0) where !(1..<threshold).contains(table.value(row: row, column: column)) {
                        let variables = model.variables(of: table.shape.term(row: row, column: column))
                        // Known: a single whole number is left to it.
                        guard program.sampledRange(of: variables).map({ Self.wholeNumbers(in: $0).count < 2 }) ?? true else { continue }
                        if Self.wholeNumbers(in: try program.range(of: variables)).count == 1 { fixed.insert(GridPoint(row: row, column: column)) }
                    }
                }
            }
            known.append(fixed)
        }
        return known
    }

    /// The first withheld value, of this summary or an earlier one, that the attacker narrows
    /// to a single whole number.
    private func firstNarrowed(in published: [ReleasedTable], safe: inout Set<SummaryTerm>) throws(SummaryError)
        -> (term: SummaryTerm, binding: [(table: Int, point: GridPoint)], behind: [(table: Int, point: GridPoint)])? {
        let all = earlier + published
        guard let model = AttackerModel(tables: all) else { throw SummaryError.damagedLedger("a table does not add up to its own shape") }
        let program = LinearProgram(variables: model.variableCount, constraints: model.allConstraints)
        try program.sample(objectives: Self.samplingObjectives)
        var checked = Set<[Int]>()
        // Constraints the new tables do not reach are those every earlier audit passed: what
        // lies only there is as safe as it was.
        let newRows = model.rows(fromTable: earlier.count)
        let (part, reached) = program.parts(reachedBy: newRows)
        func untouched(_ variables: [Int]) -> Bool {
            variables.allSatisfy { variable in part[variable].map { !reached.contains($0) } ?? program.provenance(of: variable).isDisjoint(with: newRows) }
        }
        for table in all {
            for (value, term) in table.table.terms() ?? [] where value.isWithheld && !safe.contains(term) {
                let variables = model.variables(of: term).sorted()
                guard checked.insert(variables).inserted else { continue }
                if untouched(variables) {
                    safe.insert(term)
                    continue
                }
                // Feasible points already met that hold two whole numbers between them settle it.
                if let seen = program.sampledRange(of: variables), Self.wholeNumbers(in: seen).count >= 2 {
                    safe.insert(term)
                    continue
                }
                let range = try program.bounds(of: variables)
                if Self.wholeNumbers(in: (range.least, range.greatest)).count < 2 { return (term, model.sources(of: range.binding), model.sources(of: range.behind)) }
                safe.insert(term)
            }
        }
        // A count implied by subtraction that is pinned to a value under the threshold is
        // disclosed as surely as a published one (zero, or one at the threshold or above, is not).
        for (variables, term) in model.impliedCounts() where !safe.contains(term) && checked.insert(variables).inserted {
            if untouched(variables) || program.sampledRange(of: variables).map({ Self.wholeNumbers(in: $0).count >= 2 }) == true {
                safe.insert(term)
                continue
            }
            let range = try program.bounds(of: variables)
            let values = Self.wholeNumbers(in: (range.least, range.greatest))
            if values.count == 1, (1..<threshold).contains(values.lowest) {
                return (term, model.sources(of: range.binding), model.sources(of: range.behind))
            }
            safe.insert(term)
        }
        return nil
    }

    /// The whole numbers within the bounds: the lowest, and how many (two stands for two or more).
    static func wholeNumbers(in range: (least: Double, greatest: Double)) -> (lowest: Int, count: Int) {
        let tolerance = 1e-6
        let lowest = (range.least - tolerance).rounded(.up)
        guard range.greatest.isFinite else { return (Int(lowest), 2) }
        let highest = (range.greatest + tolerance).rounded(.down)
        return (Int(lowest), Int(max(0, min(2, highest - lowest + 1))))
    }

    /// At least two whole numbers lie within the bounds.
    static func allowsTwoValues(_ range: (least: Double, greatest: Double)) -> Bool { wholeNumbers(in: range).count >= 2 }

    private static func describe(_ term: SummaryTerm) -> String {
        let labels = term.assignment.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }
        return "the \(term.population.rawValue) count" + (labels.isEmpty ? "" : " for " + labels.joined(separator: ", "))
    }
}
