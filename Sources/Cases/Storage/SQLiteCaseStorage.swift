import AuditLog
import Foundation
import GRDB

/// The embedded engine: one SQLite file in the data directory, opened durably (WAL,
/// synchronous=FULL, foreign keys, secure_delete), migrated on open.
package struct SQLiteCaseStorage: CaseStorage {
    let pool: DatabasePool
    let audit: AuditLogStore

    /// The folder holding the database, whose filesystem is asked when a write fails.
    let folder: String

    package init(path: String, auditOrigin: String, cacheMebibytes: Int = 32) throws {
        let folder = (path as NSString).deletingLastPathComponent
        // Opening may write (SQLite's WAL set up, a migration), so it waits for the lock too.
        let pool = try Self.guarded(folder) { try DurableDatabase.openPool(path: path, cacheMebibytes: cacheMebibytes) }
        try Self.guarded(folder) { try CaseSchema.migrator().migrate(pool) }
        self.pool = pool
        self.folder = folder
        audit = try AuditLogStore(origin: auditOrigin)
    }

    package func write<T>(_ body: (any CaseRepository) throws -> T) throws -> T {
        try Self.guarded(folder) { try pool.write { db in try body(SQLiteCaseRepository(db: db, audit: audit)) } }
    }

    package func read<T>(_ body: (any CaseRepository) throws -> T) throws -> T {
        try Self.guarded(folder) { try pool.read { db in try body(SQLiteCaseRepository(db: db, audit: audit)) } }
    }

    /// Runs `work`, turning SQLite's failures that are the machine's state, not the request's
    /// fault, into Cases' own refusal, which says that nothing was changed. SQLite has undone
    /// the transaction by then.
    private static func guarded<T>(_ folder: String, _ work: () throws -> T) throws -> T {
        do {
            return try work()
        } catch let error as DatabaseError {
            guard let why = unavailability(error, folder: folder) else { throw error }
            throw CasesError(.unavailable(why))
        }
    }

    static func unavailability(_ error: DatabaseError, folder: String) -> Unavailability? {
        switch error.resultCode {
        case .SQLITE_BUSY:
            // Another process kept the write lock past the wait `DurableDatabase` allows.
            return .busy(seconds: Int(DurableDatabase.busyTimeout))
        case .SQLITE_FULL:
            return .diskFull
        case .SQLITE_READONLY, .SQLITE_IOERR, .SQLITE_CANTOPEN:
            // A filesystem gone read-only under an open database (the kernel does that after a
            // disk error) reaches SQLite as the failure of whatever write met it first, so the
            // filesystem is asked; any other I/O error stays the fault it is.
            return Unavailability.probing(folder: folder)
        default:
            return nil
        }
    }

    package var auditOrigin: String { audit.origin }

    package func verifyAudit(
        logKey: NoteVerifierKey, witnessKeys: [NoteVerifierKey], held: [SignedNote], remembered: [Checkpoint], progress: (UInt64) -> Void
    ) throws -> AuditVerificationReport {
        try pool.read { db in try audit.verify(logKey: logKey, witnessKeys: witnessKeys, held: held, remembered: remembered, in: db, progress: progress) }
    }

    package func exportAudit(progress: (UInt64) -> Void, to write: (String) throws -> Void) throws -> UInt64 {
        try pool.read { db in try AuditExport.write(audit, in: db, progress: progress, to: write) }
    }

    /// The underlying pool, for the audit log's own operations (verify, export, checkpoints).
    package var database: DatabasePool { pool }
    package var auditLog: AuditLogStore { audit }
}

extension SQLiteCaseStorage {
    /// Copies SQLite's write-ahead log into the database and truncates it to nothing, so the
    /// old copies of pages just deleted leave the WAL file too. Readers can keep it busy for a
    /// moment: a few tries, then false.
    package func removeDeletedCopies() throws -> Bool {
        for attempt in 0..<20 {
            let busy = try pool.writeWithoutTransaction { db in
                try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)").map { ($0[0] as Int?) ?? 1 } ?? 1
            }
            if busy == 0 { return true }
            Thread.sleep(forTimeInterval: 0.05 * Double(attempt + 1))
        }
        return false
    }

    /// SQLite's online backup: one consistent copy while others keep writing.
    package func snapshot(into copy: DatabaseQueue) throws {
        try pool.backup(to: copy)
    }

    package func close() throws {
        try pool.close()
    }
}
