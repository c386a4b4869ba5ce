import Foundation

/// Runs an operation of ours and the same operation on the raw library in alternating rounds, so
/// that the machine's noise falls on both alike, and keeps the medians.
struct PairedComparison {
    let name: String
    /// What one operation processes, for a rate in bytes (nil: the rate is in operations).
    let bytesPerOperation: Int?
    let ours: () -> Void
    let raw: () -> Void

    func run(rounds: Int, roundMilliseconds: Int) -> ComparisonResult {
        let iterations = calibrate(targetSeconds: Double(roundMilliseconds) / 1000)
        var oursRates: [Double] = []
        var rawRates: [Double] = []
        var ratios: [Double] = []
        for round in 0..<rounds {
            // Alternate which side goes first, so neither always runs on a warmer cache.
            let (first, second) = round % 2 == 0 ? (ours, raw) : (raw, ours)
            let firstRate = rate(iterations: iterations, first)
            let secondRate = rate(iterations: iterations, second)
            let (oursRate, rawRate) = round % 2 == 0 ? (firstRate, secondRate) : (secondRate, firstRate)
            oursRates.append(oursRate)
            rawRates.append(rawRate)
            ratios.append(oursRate / rawRate)
        }
        return ComparisonResult(
            name: name, unit: bytesPerOperation == nil ? "op/s" : "MB/s",
            ours: Self.median(oursRates), raw: Self.median(rawRates), ratio: Self.median(ratios),
            iterationsPerRound: iterations, rounds: rounds)
    }

    private func calibrate(targetSeconds: Double) -> Int {
        var iterations = 1
        while true {
            let seconds = time(iterations: iterations, raw)
            if seconds >= targetSeconds / 4 || iterations >= 1 << 24 {
                return max(1, Int(Double(iterations) * targetSeconds / max(seconds, 1e-9)))
            }
            iterations *= 4
        }
    }

    private func rate(iterations: Int, _ body: () -> Void) -> Double {
        let seconds = time(iterations: iterations, body)
        let operations = Double(iterations) / seconds
        guard let bytesPerOperation else { return operations }
        return operations * Double(bytesPerOperation) / 1_000_000
    }

    private func time(iterations: Int, _ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<iterations { body() }
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
