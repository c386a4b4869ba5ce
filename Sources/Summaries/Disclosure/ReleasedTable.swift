/// A table as given out, with what only the release ledger keeps beside it: which of its
/// withheld values the attacker is not credited with knowing to be at least one — its zeros, or,
/// when no withholding could protect against that knowledge, all of them. The audit lets its
/// attacker know that every other withheld value is at least one: a stronger attacker than the
/// published marker allows for, who could never tell the two apart.
struct ReleasedTable: Sendable, Hashable {
    var table: SummaryTable
    /// Places of the extended grid (a one-way table's in its one column) withheld and possibly zero.
    var withheldZeros: Set<GridPoint>
}
