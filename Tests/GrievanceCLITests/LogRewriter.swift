import AuditLog
import Foundation
import GRDB

/// What someone with write access to the data directory can do to the audit log: drop the
/// append-only triggers, and write a new history in its place whose chain, tree and stored
/// nodes are all consistent — every check that looks only at the database passes.
enum LogRewriter {
    /// Replaces the log with `transform` of its entries, re-appended from scratch, and deletes
    /// the log's own checkpoints and cosignatures (which the new history would not match).
    static func rewrite(_ databasePath: String, transform: ([AuditEntry]) -> [AuditEntry]) throws {
        let queue = try DatabaseQueue(path: databasePath)
        try queue.write { db in
            let store = try AuditLogStore(origin: "rewritten")
            let size = try store.size(in: db)
            let entries = try (0..<size).map { try require(try store.entry(at: $0, in: db)) }
            for table in ["audit_entries", "audit_nodes", "audit_checkpoints", "audit_cosignatures"] {
                try db.execute(sql: "DROP TRIGGER \(table)_no_delete")
            }
            for table in ["audit_cosignatures", "audit_checkpoints", "audit_nodes", "audit_entries"] {
                try db.execute(sql: "DELETE FROM \(table)")
            }
            for entry in transform(entries) {
                try store.append(AuditEntryDraft(actor: entry.actor, action: entry.action, caseReference: entry.caseReference, details: entry.details,
                                                 time: Date(timeIntervalSince1970: Double(entry.timeMilliseconds) / 1000)), in: db)
            }
        }
    }
}

/// `#require` outside a test function's own body.
private func require<T>(_ value: T?) throws -> T {
    guard let value else { throw CocoaError(.coderValueNotFound) }
    return value
}
