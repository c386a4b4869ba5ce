import CSodium

extension BoxPublicKey {
    /// The public half of the key pair a 32-byte seed determines, without keeping the secret
    /// half anywhere: it is written to a stack buffer and zeroed before return. For sealing to
    /// a key pair whose secret only its owner should ever hold (the reporter's).
    public init(seed: UnsafeRawBufferPointer) throws(CryptoError) {
        guard seed.count == BoxKeyPair.seedByteCount else {
            throw .badLength("seed", expected: BoxKeyPair.seedByteCount, actual: seed.count)
        }
        Sodium.ensureInitialised()
        var publicBytes = [UInt8](repeating: 0, count: BoxPublicKey.byteCount)
        withUnsafeTemporaryAllocation(byteCount: BoxKeyPair.secretKeyByteCount, alignment: 16) { secret in
            _ = crypto_box_seed_keypair(&publicBytes, secret.baseAddress!.assumingMemoryBound(to: UInt8.self),
                                        seed.baseAddress!.assumingMemoryBound(to: UInt8.self))
            sodium_memzero(secret.baseAddress!, secret.count)
        }
        try self.init(bytes: publicBytes)
    }
}
