import AuditLog
import Cases
import CasesTesting
import Foundation

/// What a forger who can write the database does to the audit log: rewrites it whole with the
/// log's own code, chain and tree recomputed, its checkpoints and cosignatures gone. On either
/// engine: the append-only triggers are dropped first, as the tables' owner can.
enum LogRewriter {
    /// Replaces the log with `transform` of its entries, re-appended from scratch, and deletes
    /// the log's own checkpoints and cosignatures (which the new history would not match).
    static func rewrite(_ workspace: CLIWorkspace, transform: ([AuditEntry]) -> [AuditEntry]) throws {
        try workspace.raw().transaction { tables in
            let audit = tables.auditTables
            let store = try AuditLogStore(origin: "rewritten")
            let size = try store.size(in: audit)
            let entries = try (0..<size).map { try require(try store.entry(at: $0, in: audit)) }
            for table in ["audit_entries", "audit_nodes", "audit_checkpoints", "audit_cosignatures"] {
                try tables.execute(workspace.dropAppendOnly(table, "DELETE"), [])
            }
            for table in ["audit_cosignatures", "audit_checkpoints", "audit_nodes", "audit_entries"] {
                try tables.execute("DELETE FROM \(table)", [])
            }
            for entry in transform(entries) {
                try store.append(AuditEntryDraft(actor: entry.actor, action: entry.action, caseReference: entry.caseReference, details: entry.details,
                                                 time: Date(timeIntervalSince1970: Double(entry.timeMilliseconds) / 1000)), in: audit)
            }
        }
    }
}

/// `#require` outside a test function's own body.
private func require<T>(_ value: T?) throws -> T {
    guard let value else { throw CocoaError(.coderValueNotFound) }
    return value
}
