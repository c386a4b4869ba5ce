import AuditLog
import GrievanceCrypto

/// What `audit verify` found: how much it checked, against what it did not have to trust, and
/// the first failure if any.
public struct AuditCheck: Sendable, Hashable, Encodable {
    public let isValid: Bool
    public let entries: UInt64
    /// The Merkle tree's root over every entry, in hex.
    public let root: String
    public let checkpointsChecked: Int
    public let cosignaturesChecked: Int
    /// The key the log was verified with (the pinned one when one was given).
    public let logKey: String
    /// Whether that key came from outside the data directory (`--log-key`, or the person's own state).
    public let logKeyPinned: Bool
    /// How many of the checkpoints came from outside the data directory (`--checkpoint`).
    public let heldCheckpoints: Int
    /// The size of the tree head remembered from an earlier run that the log was shown to extend.
    public let rememberedSize: UInt64?
    /// The tree head just recomputed, for the verifier to remember; nil when verification failed.
    public let treeHead: TreeHead?
    public let failure: String?

    init(_ report: AuditVerificationReport, logKey: NoteVerifierKey, pinned: Bool, held: Int, remembered: TreeHead?) {
        isValid = report.isValid
        entries = report.entries
        root = report.root.hex
        checkpointsChecked = report.checkpointsChecked
        cosignaturesChecked = report.cosignaturesChecked
        self.logKey = logKey.description
        logKeyPinned = pinned
        heldCheckpoints = held
        rememberedSize = remembered?.size
        treeHead = report.isValid ? (try? Checkpoint(origin: logKey.name, size: report.entries, root: report.root)).map(TreeHead.init) : nil
        failure = report.failure?.description
    }

    /// A log refused before any entry was read: its stored key is not the one pinned.
    init(refusing storedKey: String, pinned: NoteVerifierKey) {
        isValid = false
        entries = 0
        root = ""
        checkpointsChecked = 0
        cosignaturesChecked = 0
        logKey = pinned.description
        logKeyPinned = true
        heldCheckpoints = 0
        rememberedSize = nil
        treeHead = nil
        failure = "the log key stored in the data directory (\(storedKey)) is not the pinned key (\(pinned)); the log, or the pin, is not this organisation's"
    }

    /// The same check, failed for `reason` found beyond the log's own verification.
    func failing(_ reason: String) -> AuditCheck {
        AuditCheck(copying: self, failure: reason)
    }

    private init(copying other: AuditCheck, failure: String) {
        isValid = false
        entries = other.entries
        root = other.root
        checkpointsChecked = other.checkpointsChecked
        cosignaturesChecked = other.cosignaturesChecked
        logKey = other.logKey
        logKeyPinned = other.logKeyPinned
        heldCheckpoints = other.heldCheckpoints
        rememberedSize = other.rememberedSize
        treeHead = nil
        self.failure = failure
    }

    /// True when nothing from outside the data directory was checked — no pinned key, no
    /// checkpoint given, no remembered tree head — so only the log's consistency with itself
    /// was shown: someone who rewrote it whole, checkpoints and key included, would pass.
    public var isInternalOnly: Bool { !logKeyPinned && heldCheckpoints == 0 && rememberedSize == nil }

    enum CodingKeys: String, CodingKey {
        case entries, root, failure
        case isValid = "valid", checkpointsChecked = "checkpoints_checked", cosignaturesChecked = "cosignatures_checked"
        case logKey = "log_key", logKeyPinned = "log_key_pinned", heldCheckpoints = "held_checkpoints_checked", rememberedSize = "extends_remembered_size", internalOnly = "internal_consistency_only"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(isValid, forKey: .isValid)
        try container.encode(entries, forKey: .entries)
        try container.encode(root, forKey: .root)
        try container.encode(checkpointsChecked, forKey: .checkpointsChecked)
        try container.encode(cosignaturesChecked, forKey: .cosignaturesChecked)
        try container.encode(logKey, forKey: .logKey)
        try container.encode(logKeyPinned, forKey: .logKeyPinned)
        try container.encode(heldCheckpoints, forKey: .heldCheckpoints)
        try container.encode(rememberedSize, forKey: .rememberedSize)
        try container.encode(isInternalOnly, forKey: .internalOnly)
        try container.encode(failure, forKey: .failure)
    }
}
