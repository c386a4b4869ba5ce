/// lower ≤ Σ coefficient·variable ≤ upper.
struct LinearConstraint: Sendable, Hashable {
    var terms: [Int: Double]
    var lower: Double
    var upper: Double

    static func equal(_ variables: [Int], to value: Double) -> Self {
        LinearConstraint(terms: Dictionary(variables.map { ($0, 1.0) }, uniquingKeysWith: +), lower: value, upper: value)
    }
}
