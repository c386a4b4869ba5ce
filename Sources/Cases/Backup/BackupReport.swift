import Foundation

/// What `backup create`, `verify` and `restore` found: the file, what the copy of the database
/// holds, and for a verified or restored one, the audit log's own verification.
public struct BackupReport: Sendable, Hashable, Encodable {
    public let file: String
    public let organisation: String
    public let created: Date
    public let bytes: UInt64
    /// The BLAKE2b-256 of the whole file, in hex (`b2sum -l 256 FILE`): the log's record of a
    /// backup names it. Not SHA-256, which libsodium computes at a third of the speed.
    public let blake2b: String?
    public let cases: Int
    public let auditEntries: UInt64
    /// The root of the log's Merkle tree over those entries, in hex, once verified.
    public let auditRoot: String?
    /// The organisation key the database inside vouches for its people with: compare it with
    /// the one `init` printed (or pinned) before trusting a restored copy.
    public let organisationKey: String?
    /// Where it was restored to.
    public internal(set) var restoredTo: String?

    enum CodingKeys: String, CodingKey {
        case file, organisation, created, bytes, cases
        case blake2b = "blake2b_256"
        case auditEntries = "audit_entries", auditRoot = "audit_root", organisationKey = "organisation_key", restoredTo = "restored_to"
    }
}
