import Foundation

/// One line of a benchmark report: our rate, the raw library's rate, and their ratio.
struct ComparisonResult {
    let name: String
    let unit: String
    let ours: Double
    let raw: Double
    /// Median of the per-round ratios ours/raw: 1.0 is no overhead, 0.9 is 10% slower.
    let ratio: Double
    let iterationsPerRound: Int
    let rounds: Int

    static let markdownHeader = """
        | operation | ours | raw library | ratio | verdict |
        |---|---:|---:|---:|---|
        """

    /// A table row; `minimumRatio` nil for a figure that has no target.
    func markdownRow(minimumRatio: Double?) -> String {
        let verdict = minimumRatio.map { meets($0) ? "ok" : "MISSES ≥ \($0)" } ?? ""
        return "| \(name) | \(Self.format(ours)) \(unit) | \(Self.format(raw)) \(unit) | \(String(format: "%.3f", ratio)) | \(verdict) |"
    }

    func meets(_ minimumRatio: Double) -> Bool { ratio >= minimumRatio }

    static func format(_ value: Double) -> String {
        switch value {
        case 100...: String(format: "%.0f", value)
        case 10...: String(format: "%.1f", value)
        default: String(format: "%.2f", value)
        }
    }
}
