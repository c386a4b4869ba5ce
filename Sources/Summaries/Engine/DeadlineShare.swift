/// How many of the cases whose deadline had come by the period's end met it, as a whole
/// percentage — withheld when fewer cases than the threshold had a deadline come.
public struct DeadlineShare: Sendable, Hashable, Codable {
    public var cases: PublishedCount
    public var percent: Int?

    init(met: Int, of total: Int, threshold: Int) {
        guard total >= threshold, total > 0 else {
            cases = total == 0 ? .count(0) : .withheld("<\(threshold)")
            return
        }
        cases = .count(total)
        percent = Int((Double(met) * 100 / Double(total)).rounded())
    }
}
