import CSodium

/// Public random bytes (nonces, salts, identifiers) from libsodium's CSPRNG.
/// Secret random bytes belong in `SecureBytes.random(count:)` instead.
public enum RandomBytes {
    public static func make(count: Int) -> [UInt8] {
        Sodium.ensureInitialised()
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialised in
            if let base = buffer.baseAddress, count > 0 { randombytes_buf(base, count) }
            initialised = count
        }
    }

    /// A uniformly distributed integer in `0..<upperBound`, without modulo bias.
    public static func uniform(below upperBound: UInt32) -> UInt32 {
        Sodium.ensureInitialised()
        return randombytes_uniform(upperBound)
    }
}
