/// How many of the cases whose deadline had come by the period's end met it, to the nearest
/// ten per cent — shown only over at least twice the threshold of cases, and never with their
/// number, so that the share times the cases cannot give back a small count of late ones.
public struct DeadlineShare: Sendable, Hashable, Codable {
    public var percent: Int?

    init(met: Int, of total: Int, threshold: Int) {
        guard total >= 2 * threshold, total > 0 else { return }
        percent = Int((Double(met) * 10 / Double(total)).rounded()) * 10
    }
}
