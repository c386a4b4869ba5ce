import Synchronization

/// Request latencies from many threads, kept whole for percentiles.
final class LatencyRecorder: Sendable {
    private let samples = Mutex<[Double]>([])
    private let failures = Atomic<Int>(0)

    func record(_ seconds: Double) { samples.withLock { $0.append(seconds) } }
    func fail() { failures.wrappingAdd(1, ordering: .relaxed) }

    var count: Int { samples.withLock { $0.count } }
    var failed: Int { failures.load(ordering: .relaxed) }

    /// The `fraction` percentile (0.5, 0.99) of everything recorded, in seconds.
    func percentile(_ fraction: Double) -> Double {
        let sorted = samples.withLock { $0.sorted() }
        guard !sorted.isEmpty else { return .nan }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1)]
    }
}
