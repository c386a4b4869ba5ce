/// When a table's counts happen: cases received or closed during whole months (a flow, which
/// adds up over months), or cases in some state at the end of a month (a stock, which does not).
public enum TableSpan: Sendable, Hashable {
    case during(MonthRange)
    case atEndOf(Month)
}
