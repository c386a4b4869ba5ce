import CSodium

/// An X25519 key pair for sealed boxes. The secret half lives in guarded memory.
public struct BoxKeyPair: Sendable, CustomStringConvertible {
    public static let secretKeyByteCount = 32
    public static let seedByteCount = 32

    public let publicKey: BoxPublicKey
    public let secretKey: SecureBytes

    /// A fresh random key pair.
    public static func generate() -> BoxKeyPair {
        Sodium.ensureInitialised()
        var publicBytes = [UInt8](repeating: 0, count: BoxPublicKey.byteCount)
        let secret = SecureBytes.make(count: secretKeyByteCount) { buffer in
            _ = crypto_box_keypair(&publicBytes, buffer.baseAddress!.assumingMemoryBound(to: UInt8.self))
        }
        return BoxKeyPair(publicKey: try! BoxPublicKey(bytes: publicBytes), secretKey: secret)
    }

    /// The key pair determined by a 32-byte seed (the reporter's, derived from the receipt).
    public init(seed: SecureBytes) throws(CryptoError) {
        guard seed.count == Self.seedByteCount else {
            throw .badLength("seed", expected: Self.seedByteCount, actual: seed.count)
        }
        Sodium.ensureInitialised()
        var publicBytes = [UInt8](repeating: 0, count: BoxPublicKey.byteCount)
        secretKey = SecureBytes.make(count: Self.secretKeyByteCount) { buffer in
            seed.withUnsafeBytes { seedBytes in
                _ = crypto_box_seed_keypair(
                    &publicBytes,
                    buffer.baseAddress!.assumingMemoryBound(to: UInt8.self),
                    seedBytes.baseAddress!.assumingMemoryBound(to: UInt8.self))
            }
        }
        publicKey = try! BoxPublicKey(bytes: publicBytes)
    }

    /// Rebuilds the key pair from its secret half (after unwrapping it).
    public init(secretKey: SecureBytes) throws(CryptoError) {
        guard secretKey.count == Self.secretKeyByteCount else {
            throw .badKeyLength(expected: Self.secretKeyByteCount, actual: secretKey.count)
        }
        Sodium.ensureInitialised()
        var publicBytes = [UInt8](repeating: 0, count: BoxPublicKey.byteCount)
        let status = secretKey.withUnsafeBytes { secret in
            crypto_scalarmult_base(&publicBytes, secret.baseAddress!.assumingMemoryBound(to: UInt8.self))
        }
        guard status == 0 else { throw .operationFailed("deriving the public key") }
        self.publicKey = try! BoxPublicKey(bytes: publicBytes)
        self.secretKey = secretKey
    }

    private init(publicKey: BoxPublicKey, secretKey: SecureBytes) {
        self.publicKey = publicKey
        self.secretKey = secretKey
    }

    public var description: String { "BoxKeyPair(public: \(publicKey), secret: redacted)" }
}
