/// What the published values fix outright, found before any solving: an equality with one
/// unknown left fixes it, and a sum of unknowns equal to zero fixes each at zero (none is
/// negative). Repeated until nothing more is fixed. Most of a summary is published exactly, so
/// this leaves a far smaller program, which splits into parts that do not constrain one another.
struct Presolve {
    /// Each variable's fixed value, or nil while it is free.
    private(set) var fixed: [Double?]
    /// The constraint rows each fixed value follows from (the repair withholds among them).
    private(set) var provenance: [Set<Int>]

    init(variables: Int, constraints: [LinearConstraint]) {
        fixed = Array(repeating: nil, count: variables)
        provenance = Array(repeating: [], count: variables)
        var changed = true
        while changed {
            changed = false
            for (row, constraint) in constraints.enumerated() where constraint.lower == constraint.upper {
                var rest = constraint.lower
                var free: [(variable: Int, coefficient: Double)] = []
                var because: Set<Int> = [row]
                for (variable, coefficient) in constraint.terms where coefficient != 0 {
                    if let value = fixed[variable] {
                        rest -= coefficient * value
                        because.formUnion(provenance[variable])
                    } else {
                        free.append((variable, coefficient))
                    }
                }
                if free.count == 1 {
                    fix(free[0].variable, to: rest / free[0].coefficient, because: because)
                    changed = true
                } else if free.count > 1, abs(rest) < 1e-9, free.allSatisfy({ $0.coefficient > 0 }) {
                    for (variable, _) in free { fix(variable, to: 0, because: because) }
                    changed = true
                }
            }
        }
    }

    /// A count fixed below zero: the published values cannot all be true.
    private(set) var isContradictory = false

    private mutating func fix(_ variable: Int, to value: Double, because: Set<Int>) {
        if value < -1e-6 { isContradictory = true }
        fixed[variable] = value
        provenance[variable] = because
    }
}
