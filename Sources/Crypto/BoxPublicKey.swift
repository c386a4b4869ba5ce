import CSodium

/// An X25519 public key: what a case key is sealed to.
public struct BoxPublicKey: Sendable, Hashable, CustomStringConvertible {
    public static let byteCount = 32

    public let bytes: [UInt8]

    public init(bytes: [UInt8]) throws(CryptoError) {
        guard bytes.count == Self.byteCount else {
            throw .badKeyLength(expected: Self.byteCount, actual: bytes.count)
        }
        self.bytes = bytes
    }

    /// Lower-case hexadecimal, for display and fingerprints.
    public var description: String { Hex.encode(bytes) }
}
