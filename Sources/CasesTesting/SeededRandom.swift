/// SplitMix64: the same numbers from the same seed on every machine, for made-up populations and
/// for property tests whose failing case must be replayed.
public struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// In [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    mutating func pick<T>(_ weighted: [(T, Double)]) -> T {
        var target = unit() * weighted.reduce(0) { $0 + $1.1 }
        for (value, weight) in weighted {
            if target < weight { return value }
            target -= weight
        }
        return weighted[weighted.count - 1].0
    }
}
