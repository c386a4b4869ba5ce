import CSodium

/// Derives a wrapping key from a passphrase with Argon2id.
public enum PassphraseKey {
    public static let saltByteCount = Int(crypto_pwhash_argon2id_SALTBYTES)

    public static func derive(
        passphrase: SecureBytes, salt: [UInt8], parameters: Argon2idParameters
    ) throws(CryptoError) -> SymmetricKey {
        guard salt.count == saltByteCount else {
            throw .badLength("salt", expected: saltByteCount, actual: salt.count)
        }
        Sodium.ensureInitialised()
        let secret = try SecureBytes.make(count: SymmetricKey.byteCount) { (out) throws(CryptoError) in
            let status = passphrase.withUnsafeBytes { pass in
                salt.withUnsafeBufferPointer { saltBytes in
                    crypto_pwhash(
                        out.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt64(out.count),
                        pass.baseAddress!.assumingMemoryBound(to: CChar.self), UInt64(pass.count),
                        saltBytes.baseAddress!, parameters.opsLimit, Int(parameters.memLimit),
                        crypto_pwhash_ALG_ARGON2ID13)
                }
            }
            // Argon2id fails only when it cannot get its memory.
            guard status == 0 else { throw .operationFailed("Argon2id (not enough memory for \(parameters))") }
        }
        return try SymmetricKey(secret: secret)
    }
}
