/// How long something took, over a set of cases: how many, and the median and 90th percentile in
/// whole days — withheld, like a count, when fewer cases than the threshold make it up.
public struct TimingFigure: Sendable, Hashable, Codable {
    public var cases: PublishedCount
    public var medianDays: Int?
    public var percentile90Days: Int?

    enum CodingKeys: String, CodingKey {
        case cases
        case medianDays = "median_days"
        case percentile90Days = "p90_days"
    }

    init(days: [Double], threshold: Int) {
        let sorted = days.sorted()
        guard sorted.count >= threshold, !sorted.isEmpty else {
            cases = sorted.isEmpty ? .count(0) : .withheld("<\(threshold)")
            return
        }
        cases = .count(sorted.count)
        medianDays = Int(Self.nearestRank(sorted, 0.5).rounded())
        percentile90Days = Int(Self.nearestRank(sorted, 0.9).rounded())
    }

    /// The nearest-rank percentile: always one of the values, never an interpolation.
    static func nearestRank(_ sorted: [Double], _ fraction: Double) -> Double {
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[max(0, min(sorted.count - 1, rank - 1))]
    }
}
