import AuditLog
import Foundation
import GRDB

/// The embedded engine: one SQLite file in the data directory, opened durably (WAL,
/// synchronous=FULL, foreign keys, secure_delete), migrated on open.
package struct SQLiteCaseStorage: CaseStorage {
    let pool: DatabasePool
    let audit: AuditLogStore

    package init(path: String, auditOrigin: String) throws {
        // Opening may write (SQLite's WAL set up, a migration), so it waits for the lock too.
        let pool = try Self.waited { try DurableDatabase.openPool(path: path) }
        try Self.waited { try CaseSchema.migrator().migrate(pool) }
        self.pool = pool
        audit = try AuditLogStore(origin: auditOrigin)
    }

    package func write<T>(_ body: (any CaseRepository) throws -> T) throws -> T {
        try Self.waited { try pool.write { db in try body(SQLiteCaseRepository(db: db, audit: audit)) } }
    }

    package func read<T>(_ body: (any CaseRepository) throws -> T) throws -> T {
        try Self.waited { try pool.read { db in try body(SQLiteCaseRepository(db: db, audit: audit)) } }
    }

    /// Runs `work`, turning SQLite's "busy" — another process kept the write lock past the wait
    /// `DurableDatabase` allows — into Cases' own refusal, which says that nothing was changed.
    private static func waited<T>(_ work: () throws -> T) throws -> T {
        do {
            return try work()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            throw CasesError(.busy(seconds: Int(DurableDatabase.busyTimeout)))
        }
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
