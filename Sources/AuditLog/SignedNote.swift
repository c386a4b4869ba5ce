import GrievanceCrypto

/// A C2SP signed note: a text ending in a newline, a blank line, then signature lines.
public struct SignedNote: Sendable, Hashable {
    /// Notes carry at least 16 signatures by the standard; more than this is refused.
    static let maximumSignatures = 64
    static let maximumBytes = 64 * 1024

    /// The signed text, including its final newline.
    public let text: String
    public let signatures: [NoteSignature]

    public init(text: String, signatures: [NoteSignature]) throws(AuditLogError) {
        try Self.validate(text: text)
        self.text = text
        self.signatures = signatures
    }

    public init(parsing note: String) throws(AuditLogError) {
        guard note.utf8.count <= Self.maximumBytes else { throw .malformedNote("larger than \(Self.maximumBytes) bytes") }
        guard note.hasSuffix("\n") else { throw .malformedNote("does not end with a newline") }
        // The text ends at the last blank line; what follows is signature lines only.
        guard let separator = note.range(of: "\n\n", options: .backwards) else { throw .malformedNote("no blank line before the signatures") }
        let text = String(note[note.startIndex...separator.lowerBound])
        let lines = note[separator.upperBound...].split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        guard !lines.isEmpty else { throw .malformedNote("no signatures") }
        guard lines.count <= Self.maximumSignatures else { throw .malformedNote("more than \(Self.maximumSignatures) signatures") }
        var signatures: [NoteSignature] = []
        for line in lines { signatures.append(try NoteSignature(parsing: line)) }
        try self.init(text: text, signatures: signatures)
    }

    /// The note as text: what is exported, handed to a witness and kept by the committee.
    public var serialized: String {
        text + "\n" + signatures.map(\.line).joined()
    }

    /// A copy with one more signature line.
    public func adding(_ signature: NoteSignature) -> SignedNote {
        try! SignedNote(text: text, signatures: signatures + [signature])  // text was validated already
    }

    /// The signature lines that claim to be by `key` (same name and key ID).
    public func signatures(by key: NoteVerifierKey) -> [NoteSignature] {
        let id = key.keyID
        return signatures.filter { $0.name == key.name && $0.keyID == id }
    }

    /// Verifies the log's Ed25519 signature (type 0x01) by `key`; throws if it is missing or bad.
    public func verifyLogSignature(by key: NoteVerifierKey) throws(AuditLogError) {
        guard key.type == .ed25519 else { throw .badSignature("\(key.name) is not a log key") }
        let candidates = signatures(by: key)
        guard !candidates.isEmpty else { throw .badSignature("no signature by \(key.name)") }
        for candidate in candidates where !key.publicKey.isValidSignature(candidate.signature, for: Array(text.utf8)) {
            throw .badSignature("the signature by \(key.name) does not verify")
        }
    }

    /// Signs `text` with a log key (type 0x01).
    public static func sign(text: String, name: String, key: SigningKeyPair) throws(AuditLogError) -> SignedNote {
        try validate(text: text)
        let verifier = try NoteVerifierKey(name: name, type: .ed25519, publicKey: key.publicKey)
        let signature = NoteSignature(name: name, keyID: verifier.keyID, signature: key.sign(Array(text.utf8)))
        return try SignedNote(text: text, signatures: [signature])
    }

    /// Valid UTF-8 with no control characters but newline, ending in a newline.
    static func validate(text: String) throws(AuditLogError) {
        guard text.hasSuffix("\n") else { throw .malformedNote("the text must end with a newline") }
        guard !text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" }) else {
            throw .malformedNote("the text holds a control character")
        }
    }
}
