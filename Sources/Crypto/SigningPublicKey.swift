import CSodium

/// An Ed25519 public key: verifies checkpoints, cosignatures and principals' signatures.
public struct SigningPublicKey: Sendable, Hashable, CustomStringConvertible {
    public static let byteCount = 32
    public static let signatureByteCount = 64

    public let bytes: [UInt8]

    public init(bytes: [UInt8]) throws(CryptoError) {
        guard bytes.count == Self.byteCount else {
            throw .badKeyLength(expected: Self.byteCount, actual: bytes.count)
        }
        self.bytes = bytes
    }

    /// True only for a valid Ed25519 signature of exactly `message` by this key.
    public func isValidSignature(_ signature: [UInt8], for message: UnsafeRawBufferPointer) -> Bool {
        guard signature.count == Self.signatureByteCount else { return false }
        Sodium.ensureInitialised()
        return signature.withUnsafeBufferPointer { sig in
            bytes.withUnsafeBufferPointer { key in
                crypto_sign_verify_detached(
                    sig.baseAddress!, message.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? emptyInput,
                    UInt64(message.count), key.baseAddress!) == 0
            }
        }
    }

    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        message.withUnsafeBytes { isValidSignature(signature, for: $0) }
    }

    /// Lower-case hexadecimal, for display and fingerprints.
    public var description: String { Hex.encode(bytes) }
}
