import Foundation

/// What `storage migrate` did: where the tables went, how many rows of each, and the log as
/// verified on the other side.
public struct StorageMigrationReport: Sendable, Encodable {
    public let to: String
    public let rows: [String: Int]
    public let auditEntries: UInt64
    public let auditRoot: String
    /// Where the SQLite file was moved, to be removed once the new engine has been checked.
    public let previousDatabase: String

    enum CodingKeys: String, CodingKey {
        case to, rows
        case auditEntries = "audit_entries", auditRoot = "audit_root", previousDatabase = "previous_database"
    }
}
