import CSodium

/// An Ed25519 key pair. The secret half (libsodium's 64-byte form: seed ‖ public key) lives in
/// guarded memory.
public struct SigningKeyPair: Sendable, CustomStringConvertible {
    public static let secretKeyByteCount = Int(crypto_sign_SECRETKEYBYTES)
    public static let seedByteCount = Int(crypto_sign_SEEDBYTES)

    public let publicKey: SigningPublicKey
    public let secretKey: SecureBytes

    /// A fresh random key pair.
    public static func generate() -> SigningKeyPair {
        try! SigningKeyPair(seed: .random(count: seedByteCount))
    }

    /// The key pair determined by a 32-byte seed (RFC 8032's private key).
    public init(seed: SecureBytes) throws(CryptoError) {
        guard seed.count == Self.seedByteCount else {
            throw .badLength("seed", expected: Self.seedByteCount, actual: seed.count)
        }
        Sodium.ensureInitialised()
        var publicBytes = [UInt8](repeating: 0, count: SigningPublicKey.byteCount)
        secretKey = SecureBytes.make(count: Self.secretKeyByteCount) { buffer in
            seed.withUnsafeBytes { seedBytes in
                _ = crypto_sign_seed_keypair(
                    &publicBytes,
                    buffer.baseAddress!.assumingMemoryBound(to: UInt8.self),
                    seedBytes.baseAddress!.assumingMemoryBound(to: UInt8.self))
            }
        }
        publicKey = try! SigningPublicKey(bytes: publicBytes)
    }

    /// Rebuilds the key pair from its 64-byte secret half (after unwrapping it). The public half
    /// is re-derived from the seed, so a secret key whose stored public half was altered is refused.
    public init(secretKey: SecureBytes) throws(CryptoError) {
        guard secretKey.count == Self.secretKeyByteCount else {
            throw .badKeyLength(expected: Self.secretKeyByteCount, actual: secretKey.count)
        }
        let seed = SecureBytes.make(count: Self.seedByteCount) { out in
            secretKey.withUnsafeBytes { secret in
                out.copyMemory(from: UnsafeRawBufferPointer(rebasing: secret[0..<Self.seedByteCount]))
            }
        }
        let rebuilt = try SigningKeyPair(seed: seed)
        guard rebuilt.secretKey.constantTimeEquals(secretKey) else {
            throw .malformed("Ed25519 secret key (its public half does not match its seed)")
        }
        self = rebuilt
    }

    /// A detached Ed25519 signature of `message`.
    public func sign(_ message: UnsafeRawBufferPointer) -> [UInt8] {
        Sodium.ensureInitialised()
        return [UInt8](unsafeUninitializedCapacity: SigningPublicKey.signatureByteCount) { out, initialised in
            secretKey.withUnsafeBytes { secret in
                _ = crypto_sign_detached(
                    out.baseAddress!, nil,
                    message.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? emptyInput,
                    UInt64(message.count), secret.baseAddress!.assumingMemoryBound(to: UInt8.self))
            }
            initialised = SigningPublicKey.signatureByteCount
        }
    }

    public func sign(_ message: [UInt8]) -> [UInt8] {
        message.withUnsafeBytes { sign($0) }
    }

    public var description: String { "SigningKeyPair(public: \(publicKey), secret: redacted)" }
}
