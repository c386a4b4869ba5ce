import AuditLog
import Foundation
import GRDB

/// The embedded engine: one SQLite file in the data directory, opened durably (WAL,
/// synchronous=FULL, foreign keys, secure_delete), migrated on open.
package struct SQLiteCaseStorage: CaseStorage {
    let pool: DatabasePool
    let audit: AuditLogStore

    package init(path: String, auditOrigin: String) throws {
        pool = try DurableDatabase.openPool(path: path)
        try CaseSchema.migrator().migrate(pool)
        audit = try AuditLogStore(origin: auditOrigin)
    }

    package func write<T>(_ body: (any CaseRepository) throws -> T) throws -> T {
        try pool.write { db in try body(SQLiteCaseRepository(db: db, audit: audit)) }
    }

    package func read<T>(_ body: (any CaseRepository) throws -> T) throws -> T {
        try pool.read { db in try body(SQLiteCaseRepository(db: db, audit: audit)) }
    }

    package var auditOrigin: String { audit.origin }

    package func verifyAudit(
        logKey: NoteVerifierKey, witnessKeys: [NoteVerifierKey], held: [SignedNote], progress: (UInt64) -> Void
    ) throws -> AuditVerificationReport {
        try pool.read { db in try audit.verify(logKey: logKey, witnessKeys: witnessKeys, held: held, in: db, progress: progress) }
    }

    package func exportAudit(progress: (UInt64) -> Void, to write: (String) throws -> Void) throws -> UInt64 {
        try pool.read { db in try AuditExport.write(audit, in: db, progress: progress, to: write) }
    }

    /// The underlying pool, for the audit log's own operations (verify, export, checkpoints).
    package var database: DatabasePool { pool }
    package var auditLog: AuditLogStore { audit }
}
