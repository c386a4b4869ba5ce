import CSodium

/// Comparisons whose time does not depend on where two secrets first differ.
public enum ConstantTime {
    /// True when both buffers hold the same bytes. Buffers of different lengths are unequal
    /// (the lengths themselves are not secret).
    public static func isEqual(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count == b.count else { return false }
        guard a.count > 0, let pa = a.baseAddress, let pb = b.baseAddress else { return true }
        Sodium.ensureInitialised()
        return sodium_memcmp(pa, pb, a.count) == 0
    }

    /// Overwrites memory with zeros in a way the optimiser may not remove (`sodium_memzero`).
    public static func zero(_ buffer: UnsafeMutableRawBufferPointer) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        Sodium.ensureInitialised()
        sodium_memzero(base, buffer.count)
    }

    public static func isEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a.withUnsafeBytes { pa in b.withUnsafeBytes { pb in isEqual(pa, pb) } }
    }
}
