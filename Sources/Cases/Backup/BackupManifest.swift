import Foundation
import GRDB

/// The first encrypted message of a backup: which files follow, in order, and what the copy of
/// the database holds — the figures `backup verify` checks the database against.
struct BackupManifest: Codable, Sendable, Hashable {
    struct File: Codable, Sendable, Hashable {
        let name: String
        let bytes: UInt64
    }

    /// The data directory's files, whose bytes follow this message in this order.
    let files: [File]
    let cases: Int
    let auditEntries: UInt64
    /// The version of Grievance that made it.
    let generator: String

    enum CodingKeys: String, CodingKey {
        case files, cases, generator
        case auditEntries = "audit_entries"
    }

    /// What a data directory is restored from: nothing else is ever written out of a backup,
    /// whatever a manifest names.
    static let fileNames = ["config.json", "pepper", "procedure.yaml", "grievance.sqlite"]
}

extension BackupManifest {
    /// What a copy of the database holds, counted the same way when it is made and when it is
    /// checked.
    static func figures(in db: GRDB.Database) throws -> (cases: Int, auditEntries: UInt64) {
        let cases = try Int.fetchOne(db, sql: "SELECT count(*) FROM cases") ?? 0
        let entries = try Int64.fetchOne(db, sql: "SELECT count(*) FROM audit_entries") ?? 0
        return (cases, UInt64(entries))
    }
}
