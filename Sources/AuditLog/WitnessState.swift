import GrievanceCrypto

/// The last checkpoint a witness cosigned for one log: all it needs to refuse a rewritten log.
public struct WitnessState: Sendable, Hashable {
    public let origin: String
    public let size: UInt64
    public let root: Digest

    public init(origin: String, size: UInt64, root: Digest) {
        self.origin = origin
        self.size = size
        self.root = root
    }

    /// Kept as the checkpoint text, which a person can read.
    public var text: String { (try? Checkpoint(origin: origin, size: size, root: root))?.text ?? "" }

    public init(text: String) throws(AuditLogError) {
        let checkpoint = try Checkpoint(text: text)
        self.init(origin: checkpoint.origin, size: checkpoint.size, root: checkpoint.root)
    }
}
