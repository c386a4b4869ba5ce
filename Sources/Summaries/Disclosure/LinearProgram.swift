import CClp

/// A feasible region of non-negative variables under linear constraints, loaded once into
/// COIN-OR Clp, over which sums of variables are minimised and maximised: the attacker's
/// bounds. Each solve starts from the previous basis, which stays feasible when only the
/// objective changes, so the many solves of one audit are quick.
final class LinearProgram {
    private let model: UnsafeMutableRawPointer?
    private let presolved: Presolve
    /// Each original variable's column in the reduced program (nil when fixed).
    private let column: [Int?]
    /// Each reduced row's original row.
    private let originalRow: [Int]
    private let reducedConstraints: [LinearConstraint]
    /// For each reduced row, the rows behind the values taken out of it.
    private let fixedRows: [Set<Int>]
    private let variableCount: Int
    private var solvedOnce = false
    /// Feasible points met so far (each optimum, in reduced columns). The range of a sum over
    /// them is within its true range, so a spread wide enough here needs no solving at all.
    private var samples: [[Double]] = []

    init(variables: Int, constraints: [LinearConstraint]) {
        presolved = Presolve(variables: variables, constraints: constraints)
        var column = Array(repeating: Int?.none, count: variables)
        var free = 0
        for variable in 0..<variables where presolved.fixed[variable] == nil {
            column[variable] = free
            free += 1
        }
        self.column = column
        variableCount = free
        // What is left of each constraint with a free variable, its bounds less what is fixed.
        var reduced: [LinearConstraint] = []
        var originalRow: [Int] = []
        var fixedRows: [Set<Int>] = []
        for (row, constraint) in constraints.enumerated() {
            var terms: [Int: Double] = [:]
            var constant = 0.0
            var because = Set<Int>()
            for (variable, coefficient) in constraint.terms where coefficient != 0 {
                if let value = presolved.fixed[variable] {
                    constant += coefficient * value
                    because.formUnion(presolved.provenance[variable])
                } else {
                    terms[column[variable]!, default: 0] += coefficient
                }
            }
            guard !terms.isEmpty else { continue }
            reduced.append(LinearConstraint(terms: terms, lower: constraint.lower - constant, upper: constraint.upper - constant))
            originalRow.append(row)
            fixedRows.append(because)
        }
        reducedConstraints = reduced
        self.originalRow = originalRow
        self.fixedRows = fixedRows
        guard free > 0, !reduced.isEmpty else {
            model = nil
            return
        }
        let model = Clp_newModel()!
        self.model = model
        Clp_setLogLevel(model, 0)
        // Column-major, as Clp_loadProblem takes it.
        var columns = Array(repeating: [(row: Int32, value: Double)](), count: free)
        for (row, constraint) in reduced.enumerated() {
            for (variable, coefficient) in constraint.terms where coefficient != 0 { columns[variable].append((Int32(row), coefficient)) }
        }
        var starts: [CoinBigIndex] = [0]
        var indices: [Int32] = []
        var values: [Double] = []
        for entries in columns {
            for entry in entries.sorted(by: { $0.row < $1.row }) {
                indices.append(entry.row)
                values.append(entry.value)
            }
            starts.append(CoinBigIndex(indices.count))
        }
        let lower = Array(repeating: 0.0, count: free)
        let upper = Array(repeating: Double.greatestFiniteMagnitude, count: free)
        let objective = Array(repeating: 0.0, count: free)
        Clp_loadProblem(model, Int32(free), Int32(reduced.count), starts, indices, values, lower, upper, objective,
                        reduced.map(\.lower), reduced.map(\.upper))
    }

    deinit {
        if let model { Clp_deleteModel(model) }
    }

    /// The least and greatest values of the sum of `variables` (the greatest is infinite when
    /// nothing bounds it).
    func range(of variables: [Int]) throws(SummaryError) -> (least: Double, greatest: Double) {
        let found = try bounds(of: variables)
        return (found.least, found.greatest)
    }

    /// Solves for a few objectives drawn from a seeded generator, to start the samples off with
    /// points far apart.
    func sample(objectives count: Int) throws(SummaryError) {
        guard let model else { return }
        var state: UInt64 = 0x5EED
        for _ in 0..<count {
            var objective = Array(repeating: 0.0, count: variableCount)
            for index in objective.indices {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                objective[index] = Double(Int64(bitPattern: state >> 11) % 1000) / 1000 - 0.5
            }
            objective.withUnsafeBufferPointer { Clp_chgObjCoefficients(model, $0.baseAddress) }
            _ = try solve(direction: 1)
        }
    }

    /// The least and greatest sum of `variables` over the points met so far (nil before any):
    /// within the true range, since every such point is feasible.
    func sampledRange(of variables: [Int]) -> (least: Double, greatest: Double)? {
        var constant = 0.0
        var free: [Int] = []
        for variable in variables {
            if let value = presolved.fixed[variable] { constant += value } else { free.append(column[variable]!) }
        }
        guard !free.isEmpty else { return (constant, constant) }
        guard !samples.isEmpty else { return nil }
        var least = Double.infinity, greatest = -Double.infinity
        for point in samples {
            var sum = constant
            for variable in free { sum += point[variable] }
            least = min(least, sum)
            greatest = max(greatest, sum)
        }
        return (least, greatest)
    }

    /// The range; the constraints that set its ends (those whose dual value is not zero at either
    /// optimum); and the rows behind the values presolve took out of those constraints, which
    /// pin them as surely: a margin that must match a total no table of its family publishes,
    /// but a chain of other published values fixes. Withholding a published value among the
    /// first is what most directly widens the range; among the second, what can widen it when
    /// the first hold none that may still be withheld.
    func bounds(of variables: [Int]) throws(SummaryError) -> (least: Double, greatest: Double, binding: Set<Int>, behind: Set<Int>) {
        guard !presolved.isContradictory else {
            throw SummaryError.solverFailed("the published values contradict each other (the release ledger may have been edited)")
        }
        var constant = 0.0
        var binding = Set<Int>()
        var objective = Array(repeating: 0.0, count: variableCount)
        var anyFree = false
        for variable in variables {
            if let value = presolved.fixed[variable] {
                constant += value
                binding.formUnion(presolved.provenance[variable])
            } else {
                objective[column[variable]!] += 1
                anyFree = true
            }
        }
        guard anyFree else { return (constant, constant, binding, []) }
        // Free of every constraint: nothing bounds it above.
        guard let model else { return (constant, .infinity, binding, []) }
        objective.withUnsafeBufferPointer { Clp_chgObjCoefficients(model, $0.baseAddress) }
        var behind = Set<Int>()
        func collect() {
            for index in bindingRows() {
                binding.insert(originalRow[index])
                behind.formUnion(fixedRows[index])
            }
        }
        let least = try solve(direction: 1)
        if least != nil { collect() }
        let greatest = try solve(direction: -1)
        if greatest != nil { collect() }
        return (constant + (least ?? 0), greatest.map { constant + $0 } ?? .infinity, binding, behind.subtracting(binding))
    }

    /// The rows a fixed variable's value follows from (empty while it is free).
    func provenance(of variable: Int) -> Set<Int> { presolved.provenance[variable] }

    /// Which variables constrain one another once the fixed ones are taken out: each variable's
    /// part (nil when fixed), and the parts that `rows` reach — directly, or through a value
    /// they fixed that a remaining constraint uses.
    func parts(reachedBy rows: Set<Int>) -> (part: [Int?], reached: Set<Int>) {
        var parent = Array(0..<variableCount)
        func find(_ variable: Int) -> Int {
            var root = variable
            while parent[root] != root { root = parent[root] }
            return root
        }
        for constraint in reducedConstraints {
            guard let first = constraint.terms.keys.first else { continue }
            for variable in constraint.terms.keys {
                let (a, b) = (find(first), find(variable))
                if a != b { parent[max(a, b)] = min(a, b) }
            }
        }
        var reached = Set<Int>()
        for (index, constraint) in reducedConstraints.enumerated() {
            let row = originalRow[index]
            let fixedBy = rows.contains(row) || !fixedRows[index].isDisjoint(with: rows)
            if fixedBy, let first = constraint.terms.keys.first { reached.insert(find(first)) }
        }
        return (column.map { $0.map(find) }, reached)
    }


    /// The reduced rows whose dual value is not zero at the last optimum.
    private func bindingRows() -> [Int] {
        guard let model, let duals = Clp_dualRowSolution(model) else { return [] }
        return reducedConstraints.indices.filter { abs(duals[$0]) > 1e-9 }
    }

    /// The optimum, or nil when the objective is unbounded in that direction.
    private func solve(direction: Double) throws(SummaryError) -> Double? {
        guard let model else { return 0 }
        Clp_setOptimizationDirection(model, direction)
        if solvedOnce { Clp_primal(model, 0) } else { Clp_initialSolve(model); solvedOnce = true }
        switch Clp_status(model) {
        case 0:
            if let solution = Clp_getColSolution(model) { samples.append(Array(UnsafeBufferPointer(start: solution, count: variableCount))) }
            return Clp_objectiveValue(model)
        case 2: return nil
        case 1: throw SummaryError.solverFailed("the published values contradict each other (the release ledger may have been edited)")
        default: throw SummaryError.solverFailed("Clp stopped with status \(Clp_status(model))")
        }
    }
}
