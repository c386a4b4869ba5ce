import CSodium

/// Incremental SHA-256 over data that arrives in parts. A value type: copying a hasher forks
/// the computation.
public struct SHA256Hasher: Sendable {
    private var state = crypto_hash_sha256_state()

    public init() {
        Sodium.ensureInitialised()
        _ = crypto_hash_sha256_init(&state)
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        _ = crypto_hash_sha256_update(&state, bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt64(bytes.count))
    }

    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    public mutating func update(byte: UInt8) {
        withUnsafeBytes(of: byte) { update($0) }
    }

    public consuming func finalize() -> Digest {
        Digest.filling { out in
            _ = crypto_hash_sha256_final(&state, out.baseAddress!.assumingMemoryBound(to: UInt8.self))
        }
    }
}
