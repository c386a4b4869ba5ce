import CSodium

/// Guarded memory for a secretstream state, which holds the stream's key and nonce.
enum SecretStreamState {
    static func allocate() -> UnsafeMutablePointer<crypto_secretstream_xchacha20poly1305_state> {
        Sodium.ensureInitialised()
        let size = crypto_secretstream_xchacha20poly1305_statebytes()
        guard let raw = sodium_malloc(size) else { fatalError(CryptoError.outOfSecureMemory.description) }
        return raw.bindMemory(to: crypto_secretstream_xchacha20poly1305_state.self, capacity: 1)
    }

    static func release(_ state: UnsafeMutablePointer<crypto_secretstream_xchacha20poly1305_state>) {
        sodium_memzero(state, crypto_secretstream_xchacha20poly1305_statebytes())
        sodium_free(state)
    }
}
