/// One published number as the attacker reads it: the cases of `population` during (or at the
/// end of) `span` whose dimensions take the values in `assignment`, counted in a table over
/// the dimensions `family`.
public struct SummaryTerm: Sendable, Hashable {
    public var population: Population
    public var family: [Dimension]
    public var assignment: [Dimension: String]
    public var span: TableSpan

    /// Whether some case could be counted by both terms.
    func overlaps(_ other: SummaryTerm) -> Bool {
        guard population == other.population || Set([population, other.population]) == [.open, .overdue] else { return false }
        switch (span, other.span) {
        case (.during(let a), .during(let b)): guard a.overlaps(b) else { return false }
        case (.atEndOf(let a), .atEndOf(let b)): guard a == b else { return false }
        default: return false
        }
        return assignment.allSatisfy { dimension, value in other.assignment[dimension].map { $0 == value } ?? true }
    }
}
