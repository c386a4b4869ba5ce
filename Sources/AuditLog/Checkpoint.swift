import GrievanceCrypto

/// A tree head in the C2SP tlog-checkpoint form: origin, size and base64 root, one per line.
public struct Checkpoint: Sendable, Hashable {
    public let origin: String
    public let size: UInt64
    public let root: Digest

    public init(origin: String, size: UInt64, root: Digest) throws(AuditLogError) {
        guard !origin.isEmpty, !origin.contains("\n") else { throw .malformedNote("origin must be one non-empty line") }
        self.origin = origin
        self.size = size
        self.root = root
    }

    /// Parses the text of a checkpoint note. Extension lines are refused: this log writes none,
    /// and they are not auditable.
    public init(text: String) throws(AuditLogError) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count == 4, lines[3].isEmpty else { throw .malformedNote("a checkpoint is exactly three lines") }
        guard let size = UInt64(lines[1]), String(size) == lines[1] else { throw .malformedNote("tree size is not a decimal number") }
        guard let rootBytes = Base64.decode(lines[2]), let root = try? Digest(bytes: rootBytes) else {
            throw .malformedNote("root hash is not base64 of 32 bytes")
        }
        try self.init(origin: String(lines[0]), size: size, root: root)
    }

    public var text: String { "\(origin)\n\(size)\n\(Base64.encode(root.bytes))\n" }

    /// Reads a signed checkpoint and verifies the log's signature on it.
    public static func verified(_ note: SignedNote, logKey: NoteVerifierKey) throws(AuditLogError) -> Checkpoint {
        try note.verifyLogSignature(by: logKey)
        let checkpoint = try Checkpoint(text: note.text)
        guard checkpoint.origin == logKey.name else {
            throw .badSignature("checkpoint origin \(checkpoint.origin) is not the log \(logKey.name)")
        }
        return checkpoint
    }
}
