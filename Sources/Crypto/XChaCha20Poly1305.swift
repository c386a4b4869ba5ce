import CSodium

/// XChaCha20-Poly1305-IETF authenticated encryption with associated data.
///
/// Each sealed message is `nonce ‖ ciphertext ‖ tag` with a fresh random 192-bit nonce, which is
/// safe to draw at random for any number of messages under one key. The associated data is not
/// encrypted but is authenticated: a record sealed for one case, sequence number and kind does not
/// open as any other.
public enum XChaCha20Poly1305 {
    public static let nonceByteCount = Int(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES)
    public static let tagByteCount = Int(crypto_aead_xchacha20poly1305_ietf_ABYTES)
    /// Bytes a sealed message adds to its plaintext.
    public static let overhead = nonceByteCount + tagByteCount

    public static func seal(
        _ plaintext: UnsafeRawBufferPointer, key: SymmetricKey, associatedData: UnsafeRawBufferPointer
    ) -> [UInt8] {
        Sodium.ensureInitialised()
        let length = plaintext.count + overhead
        return [UInt8](unsafeUninitializedCapacity: length) { out, initialised in
            let nonce = out.baseAddress!
            randombytes_buf(nonce, nonceByteCount)
            var written: UInt64 = 0
            key.withUnsafeKeyPointer { keyPointer in
                _ = crypto_aead_xchacha20poly1305_ietf_encrypt(
                    nonce + nonceByteCount, &written,
                    plaintext.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? emptyInput,
                    UInt64(plaintext.count),
                    associatedData.baseAddress?.assumingMemoryBound(to: UInt8.self),
                    UInt64(associatedData.count),
                    nil, nonce, keyPointer)
            }
            initialised = length
        }
    }

    public static func seal(_ plaintext: [UInt8], key: SymmetricKey, associatedData: [UInt8]) -> [UInt8] {
        plaintext.withUnsafeBytes { text in
            associatedData.withUnsafeBytes { ad in seal(text, key: key, associatedData: ad) }
        }
    }

    /// Seals a secret (a wrapped private key) without copying it into ordinary memory.
    public static func seal(_ secret: SecureBytes, key: SymmetricKey, associatedData: [UInt8]) -> [UInt8] {
        secret.withUnsafeBytes { text in
            associatedData.withUnsafeBytes { ad in seal(text, key: key, associatedData: ad) }
        }
    }

    /// Opens `nonce ‖ ciphertext ‖ tag` into ordinary memory.
    public static func open(_ sealed: [UInt8], key: SymmetricKey, associatedData: [UInt8]) throws(CryptoError) -> [UInt8] {
        let length = try plaintextLength(sealed)
        var result = [UInt8](repeating: 0, count: length)
        guard result.withUnsafeMutableBytes({ open(sealed, key: key, associatedData: associatedData, into: $0) }) else {
            throw .authenticationFailed
        }
        return result
    }

    /// Opens a sealed secret straight into guarded memory.
    public static func openSecret(_ sealed: [UInt8], key: SymmetricKey, associatedData: [UInt8]) throws(CryptoError) -> SecureBytes {
        let length = try plaintextLength(sealed)
        return try SecureBytes.make(count: length) { (out) throws(CryptoError) in
            guard open(sealed, key: key, associatedData: associatedData, into: out) else { throw .authenticationFailed }
        }
    }

    private static func plaintextLength(_ sealed: [UInt8]) throws(CryptoError) -> Int {
        guard sealed.count >= overhead else { throw .authenticationFailed }
        return sealed.count - overhead
    }

    /// True when the message authenticated; `out` holds the plaintext then.
    private static func open(
        _ sealed: [UInt8], key: SymmetricKey, associatedData: [UInt8], into out: UnsafeMutableRawBufferPointer
    ) -> Bool {
        Sodium.ensureInitialised()
        var written: UInt64 = 0
        let status = sealed.withUnsafeBufferPointer { input in
            associatedData.withUnsafeBufferPointer { ad in
                key.withUnsafeKeyPointer { keyPointer in
                    crypto_aead_xchacha20poly1305_ietf_decrypt(
                        out.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? scratchOutput, &written, nil,
                        input.baseAddress! + nonceByteCount, UInt64(input.count - nonceByteCount),
                        ad.baseAddress, UInt64(ad.count),
                        input.baseAddress!, keyPointer)
                }
            }
        }
        return status == 0
    }
}
