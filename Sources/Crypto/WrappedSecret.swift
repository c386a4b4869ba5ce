/// A secret key encrypted under a passphrase: XChaCha20-Poly1305 with a key from Argon2id, the
/// Argon2id parameters and salt stored beside the ciphertext.
///
/// Serialised form (all integers big-endian):
///
///     "GRVW" | version (1 byte, = 1) | opsLimit (8) | memLimit (8) | salt (16) | nonce ‖ ciphertext ‖ tag
///
/// The associated data binds the domain label `grievance/v1/wrapped-secret`, the caller's
/// `purpose` (so a wrapped signing key cannot be passed off as a wrapped box key) and every header
/// byte before the sealed part, so the parameters cannot be changed without detection.
public struct WrappedSecret: Sendable, Hashable {
    public static let currentVersion: UInt8 = 1
    private static let magic: [UInt8] = Array("GRVW".utf8)
    private static let label: [UInt8] = Array("grievance/v1/wrapped-secret".utf8)
    private static let headerByteCount = 4 + 1 + 8 + 8 + PassphraseKey.saltByteCount

    public let parameters: Argon2idParameters
    public let salt: [UInt8]
    public let sealed: [UInt8]

    /// Wraps `secret` under `passphrase`. Takes as long as one Argon2id run at `parameters`.
    public static func wrap(
        _ secret: SecureBytes, passphrase: SecureBytes, purpose: String,
        parameters: Argon2idParameters = .moderate
    ) throws(CryptoError) -> WrappedSecret {
        let salt = RandomBytes.make(count: PassphraseKey.saltByteCount)
        let key = try PassphraseKey.derive(passphrase: passphrase, salt: salt, parameters: parameters)
        let header = header(parameters: parameters, salt: salt)
        let sealed = XChaCha20Poly1305.seal(secret, key: key, associatedData: associatedData(purpose: purpose, header: header))
        return WrappedSecret(parameters: parameters, salt: salt, sealed: sealed)
    }

    /// Unwraps into guarded memory. A wrong passphrase, a different `purpose` or any altered byte
    /// gives `CryptoError.wrongPassphrase`: the two cannot be told apart, by design of AEAD.
    public func unwrap(passphrase: SecureBytes, purpose: String) throws(CryptoError) -> SecureBytes {
        let key = try PassphraseKey.derive(passphrase: passphrase, salt: salt, parameters: parameters)
        let ad = Self.associatedData(purpose: purpose, header: Self.header(parameters: parameters, salt: salt))
        do {
            return try XChaCha20Poly1305.openSecret(sealed, key: key, associatedData: ad)
        } catch {
            throw .wrongPassphrase
        }
    }

    public var serialized: [UInt8] { Self.header(parameters: parameters, salt: salt) + sealed }

    public init(serialized bytes: [UInt8]) throws(CryptoError) {
        guard bytes.count >= Self.headerByteCount + XChaCha20Poly1305.overhead,
              Array(bytes[0..<4]) == Self.magic
        else { throw .malformed("wrapped key") }
        guard bytes[4] == Self.currentVersion else {
            throw .malformed("wrapped key (unknown version \(bytes[4]))")
        }
        let ops = Self.readUInt64(bytes, at: 5)
        let mem = Self.readUInt64(bytes, at: 13)
        parameters = try Argon2idParameters(opsLimit: ops, memLimit: mem)
        salt = Array(bytes[21..<Self.headerByteCount])
        sealed = Array(bytes[Self.headerByteCount...])
    }

    private init(parameters: Argon2idParameters, salt: [UInt8], sealed: [UInt8]) {
        self.parameters = parameters
        self.salt = salt
        self.sealed = sealed
    }

    private static func header(parameters: Argon2idParameters, salt: [UInt8]) -> [UInt8] {
        var header = magic
        header.append(currentVersion)
        appendUInt64(parameters.opsLimit, to: &header)
        appendUInt64(parameters.memLimit, to: &header)
        header += salt
        return header
    }

    private static func associatedData(purpose: String, header: [UInt8]) -> [UInt8] {
        let purposeBytes = Array(purpose.utf8)
        var ad = label
        appendUInt64(UInt64(purposeBytes.count), to: &ad)
        ad += purposeBytes
        ad += header
        return ad
    }

    private static func appendUInt64(_ value: UInt64, to bytes: inout [UInt8]) {
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    private static func readUInt64(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        bytes[offset..<offset + 8].reduce(0) { $0 << 8 | UInt64($1) }
    }
}
