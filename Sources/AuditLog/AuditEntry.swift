import Foundation
import GrievanceCrypto

/// One entry of the audit log. Its canonical, length-prefixed binary form is written down in
/// docs/AUDIT-FORMAT.md; its hash is the RFC 9162 leaf hash of that form, which serves both as the
/// link the next entry carries and as the leaf of the Merkle tree.
public struct AuditEntry: Sendable, Hashable {
    public static let currentVersion: UInt8 = 1

    public let version: UInt8
    /// Position in the log, from 0; also the entry's leaf index in the Merkle tree.
    public let sequence: UInt64
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public let timeMilliseconds: Int64
    /// Who acted: a principal's identifier, `system`, or `reporter`.
    public let actor: String
    /// What happened, as a dotted name (`case.filed`, `case.read`, `access.denied`).
    public let action: String
    public let caseReference: String?
    /// Sorted by key, keys unique.
    public let details: [AuditDetail]
    /// The hash of the entry before, or 32 zero bytes for the first.
    public let previousHash: Digest

    /// Validates every field against the limits of the format; details are sorted by key.
    public init(
        sequence: UInt64, timeMilliseconds: Int64, actor: String, action: String,
        caseReference: String?, details: [AuditDetail], previousHash: Digest
    ) throws(AuditLogError) {
        self.version = Self.currentVersion
        self.sequence = sequence
        self.timeMilliseconds = timeMilliseconds
        self.actor = actor
        self.action = action
        self.caseReference = caseReference
        self.details = details.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        self.previousHash = previousHash
        // The same byte-level rules that decoding applies, run on this entry's own encoding.
        do {
            _ = try encoded.withBytes { (bytes) throws(EntryRuleViolation) in try AuditEntryCodec.scan(bytes) }
        } catch {
            throw .invalidEntry(error.reason)
        }
    }

    /// Assembles a decoded entry; `AuditEntryCodec.scan` has checked every field already.
    init(
        decodedVersion version: UInt8, sequence: UInt64, timeMilliseconds: Int64, actor: String,
        action: String, caseReference: String?, details: [AuditDetail], previousHash: Digest
    ) {
        self.version = version
        self.sequence = sequence
        self.timeMilliseconds = timeMilliseconds
        self.actor = actor
        self.action = action
        self.caseReference = caseReference
        self.details = details
        self.previousHash = previousHash
    }

    public var date: Date { Date(timeIntervalSince1970: Double(timeMilliseconds) / 1000) }

    /// The canonical binary form.
    public var encoded: [UInt8] { AuditEntryCodec.encode(self) }

    /// The entry's hash: SHA-256(0x00 ‖ encoded), the RFC 9162 leaf hash.
    public var hash: Digest { encoded.withUnsafeBytes { MerkleTree.leafHash($0) } }

    public func detail(_ key: String) -> String? { details.first { $0.key == key }?.value }
}
