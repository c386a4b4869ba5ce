import GrievanceCrypto

/// What `AuditLogVerifier.prepare` found in one stored entry, waiting to be accepted in order.
public struct PreparedEntry: Sendable {
    struct Scan: Sendable {
        let sequence: UInt64
        let previousHash: Digest
        let leaf: Digest
        let hashAgrees: Bool
        let indexAgrees: Bool
    }

    let position: UInt64
    /// Nil when the bytes break a rule of the format.
    let scan: Scan?
}
