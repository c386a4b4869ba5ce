import CSodium

/// Incremental BLAKE2b with a 32-byte output, plain or keyed.
///
/// libsodium's BLAKE2b state must be 64-byte aligned, which Swift does not guarantee for an
/// imported C struct, so the state lives in its own aligned allocation. It may carry key
/// material, so it is zeroed before it is freed; hence non-copyable, with one owner.
public struct BLAKE2bHasher: ~Copyable {
    private static let stateAlignment = 64
    private let state: UnsafeMutableRawPointer

    public init() {
        Sodium.ensureInitialised()
        state = Self.allocateState()
        _ = crypto_generichash_init(typedState, nil, 0, Digest.byteCount)
    }

    public init(key: SecureBytes) throws(CryptoError) {
        try BLAKE2b.validate(key: key)
        Sodium.ensureInitialised()
        let state = Self.allocateState()
        key.withUnsafeBytes { keyBytes in
            _ = crypto_generichash_init(
                OpaquePointer(state),
                keyBytes.baseAddress!.assumingMemoryBound(to: UInt8.self), keyBytes.count, Digest.byteCount)
        }
        self.state = state
    }

    private static func allocateState() -> UnsafeMutableRawPointer {
        let size = crypto_generichash_statebytes()
        let state = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: stateAlignment)
        state.initializeMemory(as: UInt8.self, repeating: 0, count: size)
        return state
    }

    // The C type is over-aligned, so Swift imports pointers to it as opaque.
    private var typedState: OpaquePointer { OpaquePointer(state) }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        _ = crypto_generichash_update(typedState, bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt64(bytes.count))
    }

    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    public consuming func finalize() -> Digest {
        let state = typedState
        return Digest.filling { out in
            _ = crypto_generichash_final(state, out.baseAddress!.assumingMemoryBound(to: UInt8.self), Digest.byteCount)
        }
    }

    deinit {
        sodium_memzero(state, crypto_generichash_statebytes())
        state.deallocate()
    }
}
