/// One signature line of a signed note: `— <name> base64(key ID ‖ signature)`.
public struct NoteSignature: Sendable, Hashable {
    public let name: String
    public let keyID: UInt32
    /// The bytes after the key ID: an Ed25519 signature, or a timestamp and one for a cosignature.
    public let signature: [UInt8]

    public init(name: String, keyID: UInt32, signature: [UInt8]) {
        self.name = name
        self.keyID = keyID
        self.signature = signature
    }

    static let prefix = "\u{2014} "

    var line: String {
        let id = withUnsafeBytes(of: keyID.bigEndian) { Array($0) }
        return "\(Self.prefix)\(name) \(Base64.encode(id + signature))\n"
    }

    init(parsing line: Substring) throws(AuditLogError) {
        guard line.hasPrefix(Self.prefix) else { throw .malformedNote("a signature line must start with an em dash and a space") }
        let rest = line.dropFirst(Self.prefix.count)
        let parts = rest.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else { throw .malformedNote("a signature line is a name and a signature") }
        guard let raw = Base64.decode(parts[1]), raw.count > 4 else { throw .malformedNote("signature is not base64 of a key ID and a signature") }
        name = String(parts[0])
        keyID = raw.prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
        signature = Array(raw.dropFirst(4))
    }
}
