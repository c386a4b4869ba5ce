import AuditLog
import GrievanceCrypto

/// What `audit verify` found: how much it checked, and the first failure if any.
public struct AuditCheck: Sendable, Hashable, Encodable {
    public let isValid: Bool
    public let entries: UInt64
    /// The Merkle tree's root over every entry, in hex.
    public let root: String
    public let checkpointsChecked: Int
    public let cosignaturesChecked: Int
    public let failure: String?

    init(_ report: AuditVerificationReport) {
        isValid = report.isValid
        entries = report.entries
        root = report.root.hex
        checkpointsChecked = report.checkpointsChecked
        cosignaturesChecked = report.cosignaturesChecked
        failure = report.failure?.description
    }

    enum CodingKeys: String, CodingKey {
        case entries, root, failure
        case isValid = "valid", checkpointsChecked = "checkpoints_checked", cosignaturesChecked = "cosignatures_checked"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(isValid, forKey: .isValid)
        try container.encode(entries, forKey: .entries)
        try container.encode(root, forKey: .root)
        try container.encode(checkpointsChecked, forKey: .checkpointsChecked)
        try container.encode(cosignaturesChecked, forKey: .cosignaturesChecked)
        try container.encode(failure, forKey: .failure)
    }
}
