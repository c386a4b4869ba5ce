import CSodium

/// A 256-bit secret key for XChaCha20-Poly1305 and secretstream (a case's data key, a
/// passphrase-derived wrapping key, a backup key). Held in guarded memory.
public struct SymmetricKey: Sendable, CustomStringConvertible {
    public static let byteCount = 32

    public let secret: SecureBytes

    public init(secret: SecureBytes) throws(CryptoError) {
        guard secret.count == Self.byteCount else {
            throw .badKeyLength(expected: Self.byteCount, actual: secret.count)
        }
        self.secret = secret
    }

    /// A fresh random key.
    public static func generate() -> SymmetricKey {
        // The length is right by construction, so this cannot fail.
        try! SymmetricKey(secret: .random(count: byteCount))
    }

    public var description: String { "SymmetricKey(redacted)" }

    func withUnsafeKeyPointer<R, E: Error>(
        _ body: (UnsafePointer<UInt8>) throws(E) -> R
    ) throws(E) -> R {
        try secret.withUnsafeBytes { (buffer) throws(E) -> R in
            try body(buffer.baseAddress!.assumingMemoryBound(to: UInt8.self))
        }
    }
}
