/// How long something took, over a set of cases: the median and 90th percentile in whole days.
/// Shown only over at least twice the threshold of cases (a percentile over fewer is nearly one
/// person's case), and how many cases is never shown: it would be a count the disclosure audit
/// does not see.
public struct TimingFigure: Sendable, Hashable, Codable {
    public var medianDays: Int?
    public var percentile90Days: Int?

    enum CodingKeys: String, CodingKey {
        case medianDays = "median_days"
        case percentile90Days = "p90_days"
    }

    init(days: [Double], threshold: Int) {
        let sorted = days.sorted()
        guard sorted.count >= 2 * threshold, !sorted.isEmpty else { return }
        medianDays = Int(Self.nearestRank(sorted, 0.5).rounded())
        percentile90Days = Int(Self.nearestRank(sorted, 0.9).rounded())
    }

    /// The nearest-rank percentile: always one of the values, never an interpolation.
    static func nearestRank(_ sorted: [Double], _ fraction: Double) -> Double {
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[max(0, min(sorted.count - 1, rank - 1))]
    }
}
