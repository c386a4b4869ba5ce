import GrievanceCrypto

/// A public key as signed notes name it (C2SP signed-note "vkey"):
/// `<name>+<key ID, 8 hex digits>+<base64(type ‖ public key)>`, with
/// key ID = SHA-256(name ‖ 0x0A ‖ type ‖ public key)[:4].
public struct NoteVerifierKey: Sendable, Hashable, CustomStringConvertible {
    public enum KeyType: UInt8, Sendable {
        /// A log's own signature on its checkpoints.
        case ed25519 = 0x01
        /// A witness's timestamped cosignature (C2SP tlog-cosignature).
        case cosignatureV1 = 0x04
    }

    public let name: String
    public let type: KeyType
    public let publicKey: SigningPublicKey

    public init(name: String, type: KeyType, publicKey: SigningPublicKey) throws(AuditLogError) {
        try Self.validate(name: name)
        self.name = name
        self.type = type
        self.publicKey = publicKey
    }

    /// Parses a vkey, checking that its key ID is the one its name, type and key give.
    public init(parsing vkey: String) throws(AuditLogError) {
        let parts = vkey.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .malformedKey("expected name+id+key") }
        guard parts[1].count == 8, let id = UInt32(parts[1], radix: 16), parts[1] == parts[1].lowercased() else {
            throw .malformedKey("key ID must be 8 lower-case hex digits")
        }
        guard let raw = Base64.decode(parts[2]), raw.count == 1 + SigningPublicKey.byteCount else {
            throw .malformedKey("key material must be base64 of a type byte and 32 bytes")
        }
        guard let type = KeyType(rawValue: raw[0]) else { throw .malformedKey("unsupported key type \(raw[0])") }
        let publicKey: SigningPublicKey
        do { publicKey = try SigningPublicKey(bytes: Array(raw.dropFirst())) } catch { throw .malformedKey("\(error)") }
        try self.init(name: String(parts[0]), type: type, publicKey: publicKey)
        guard keyID == id else { throw .malformedKey("key ID does not match the key") }
    }

    public var keyID: UInt32 {
        var hasher = SHA256Hasher()
        hasher.update(Array(name.utf8))
        hasher.update(byte: 0x0A)
        hasher.update(byte: type.rawValue)
        hasher.update(publicKey.bytes)
        return hasher.finalize().bytes.prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    public var description: String {
        let id = String(keyID, radix: 16)
        return "\(name)+\(String(repeating: "0", count: 8 - id.count))\(id)+\(Base64.encode([type.rawValue] + publicKey.bytes))"
    }

    /// Key names are non-empty and hold no spaces, '+' or control characters.
    static func validate(name: String) throws(AuditLogError) {
        guard !name.isEmpty, name.utf8.count <= 256 else { throw .malformedKey("name must be 1 to 256 bytes") }
        let refused = name.unicodeScalars.contains { scalar in
            scalar == "+" || scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
        }
        guard !refused else { throw .malformedKey("name may not hold spaces, '+' or control characters") }
    }
}
