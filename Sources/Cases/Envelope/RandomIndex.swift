import GrievanceCrypto

/// Uniform random choices from libsodium's CSPRNG, without modulo bias.
enum RandomIndex {
    static func below(_ upperBound: UInt32) -> UInt32 { RandomBytes.uniform(below: upperBound) }
}
