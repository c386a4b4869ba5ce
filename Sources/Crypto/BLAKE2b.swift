import CSodium

/// BLAKE2b (`crypto_generichash`), plain or keyed, with a 32-byte output.
///
/// Keyed, it is a MAC/PRF: the receipt lookup hash is BLAKE2b keyed with the data directory's
/// pepper, so the table of lookups alone does not let anyone test a guessed receipt.
public enum BLAKE2b {
    public static let minimumKeyByteCount = Int(crypto_generichash_KEYBYTES_MIN)
    public static let maximumKeyByteCount = Int(crypto_generichash_KEYBYTES_MAX)

    public static func hash(_ bytes: UnsafeRawBufferPointer) -> Digest {
        Sodium.ensureInitialised()
        return compute(bytes, key: nil, keyLength: 0)
    }

    public static func hash(_ bytes: [UInt8]) -> Digest {
        bytes.withUnsafeBytes { hash($0) }
    }

    /// Keyed BLAKE2b; the key must be 16 to 64 bytes.
    public static func hash(_ bytes: UnsafeRawBufferPointer, key: SecureBytes) throws(CryptoError) -> Digest {
        try validate(key: key)
        Sodium.ensureInitialised()
        return key.withUnsafeBytes { keyBytes in
            compute(bytes, key: keyBytes.baseAddress!.assumingMemoryBound(to: UInt8.self), keyLength: keyBytes.count)
        }
    }

    public static func hash(_ bytes: [UInt8], key: SecureBytes) throws(CryptoError) -> Digest {
        try bytes.withBytes { (raw) throws(CryptoError) in try hash(raw, key: key) }
    }

    static func validate(key: SecureBytes) throws(CryptoError) {
        guard (minimumKeyByteCount...maximumKeyByteCount).contains(key.count) else {
            throw .badKeyLength(expected: Digest.byteCount, actual: key.count)
        }
    }

    private static func compute(_ bytes: UnsafeRawBufferPointer, key: UnsafePointer<UInt8>?, keyLength: Int) -> Digest {
        Digest.filling { out in
            _ = crypto_generichash(
                out.baseAddress!.assumingMemoryBound(to: UInt8.self), Digest.byteCount,
                bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(bytes.count),
                key, keyLength)
        }
    }
}
