import GrievanceCrypto

/// What a verification found: how much it checked, the root, and the first failure if any.
public struct AuditVerificationReport: Sendable, Hashable, CustomStringConvertible {
    public let entries: UInt64
    public let root: Digest
    public let checkpointsChecked: Int
    public let cosignaturesChecked: Int
    public let failure: AuditVerificationFailure?

    public var isValid: Bool { failure == nil }

    /// `ok`, or the failure's one line.
    public var summary: String { failure?.description ?? "ok" }

    public var description: String {
        "\(summary): \(entries) entries, root \(root.hex), \(checkpointsChecked) checkpoints, \(cosignaturesChecked) cosignatures"
    }
}
