import GRDB
import AuditLog
import Foundation
import PostgresNIO
import Synchronization

/// The engine for organisations that run several server instances: the tables in one
/// PostgreSQL database; the pepper, keys and procedure stay in each instance's data directory.
///
/// Every writing transaction first takes one transaction-scoped advisory lock, so writers are
/// one at a time across every instance, exactly as SQLite's write lock makes them: the audit
/// chain stays one gapless line, and every rule that reads then writes (routing, retention,
/// a procedure's install) decides on what no one else is changing. Each instance still commits
/// its filings in groups (GroupCommitter), one durable commit (`synchronous_commit = on`, set
/// per transaction so a server's default cannot weaken it) for many filings.
package final class PostgresCaseStorage: CaseStorage {
    let connections: PostgresConnections
    let audit: AuditLogStore
    package let location: PostgresLocation
    private let patienceSeconds = Mutex<TimeInterval>(30)

    package init(location: PostgresLocation, password: String?, auditOrigin: String, maximumConnections: Int = 8) throws {
        self.location = location
        connections = try PostgresConnections(location: location, password: password, maximum: maximumConnections)
        audit = try AuditLogStore(origin: auditOrigin)
        try guarded { try connections.withSession { try PostgresSchema.migrate($0) } }
    }

    package func write<T>(_ body: (any CaseRepository) throws -> T) throws -> T {
        try transaction("BEGIN ISOLATION LEVEL READ COMMITTED", lock: true, body)
    }

    package func read<T>(_ body: (any CaseRepository) throws -> T) throws -> T {
        // One snapshot for the whole read, as a SQLite reader sees in WAL mode.
        try transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", lock: false, body)
    }

    private func transaction<T>(_ begin: String, lock: Bool, _ body: (any CaseRepository) throws -> T) throws -> T {
        try guarded {
            try connections.withSession { session in
                try session.send(begin)
                do {
                    if lock {
                        try session.send("SELECT set_config('synchronous_commit', 'on', true), pg_advisory_xact_lock($1)",
                                         [.integer(PostgresSchema.writeLock)])
                    }
                    let result = try body(PostgresCaseRepository(session: session, audit: audit))
                    try session.execute("COMMIT")
                    return result
                } catch {
                    session.rollback()
                    throw error
                }
            }
        }
    }

    /// Turns the database being out of reach into Cases' refusal that says nothing was kept.
    private func guarded<T>(_ work: () throws -> T) throws -> T {
        do {
            return try work()
        } catch let error as PSQLError {
            switch error.code {
            case .server:
                // Out of disk (53100) or connections (53300): the machine's state, not the request.
                let state = error.serverInfo?[.sqlState] ?? ""
                if state == "53100" { throw CasesError(.unavailable(.diskFull)) }
                if state.hasPrefix("53") || state.hasPrefix("57P") { throw CasesError(.unavailable(.databaseUnreachable(location.description))) }
                if state == "25006" { throw CasesError(.unavailable(.readOnly)) }
                throw PostgresRefusal(error, location: location.description) ?? error
            default:
                throw CasesError(.unavailable(.databaseUnreachable(location.description)))
            }
        }
    }

    package var auditOrigin: String { audit.origin }

    package func verifyAudit(
        logKey: NoteVerifierKey, witnessKeys: [NoteVerifierKey], held: [SignedNote], remembered: [Checkpoint], progress: (UInt64) -> Void
    ) throws -> AuditVerificationReport {
        try readTables { tables in
            try audit.verify(logKey: logKey, witnessKeys: witnessKeys, held: held, remembered: remembered, in: tables, progress: progress)
        }
    }

    package func exportAudit(progress: (UInt64) -> Void, to write: (String) throws -> Void) throws -> UInt64 {
        try readTables { tables in try AuditExport.write(audit, in: tables, progress: progress, to: write) }
    }

    private func readTables<T>(_ body: (PostgresAuditTables) throws -> T) throws -> T {
        try read { repository in try body(PostgresAuditTables(session: (repository as! PostgresCaseRepository).session)) }
    }

    /// After a shredding, rewrites the tables that held the case's ciphertexts so that no dead
    /// row version keeps a copy of them in the database's files, or says it could not.
    ///
    /// `VACUUM FULL` alone is not enough: it copies a just-deleted row into the new files, as
    /// "recently dead", while a transaction holding an id runs anywhere on the server, in any
    /// database (measured on PostgreSQL 15). A plain `VACUUM` is held back only by this
    /// database's transactions and snapshots, and says in `n_dead_tup` how many dead row versions
    /// it had to leave. So, for each table: `VACUUM` until it left none (or `patience` has
    /// passed: then false, which `retention run` reports as not emptied), then `VACUUM FULL`,
    /// which now has no dead row to copy, writes the table and its TOAST anew and drops the old
    /// files, where `VACUUM` only marked the space free. All of it under the write lock, so that
    /// no Grievance writer adds a dead row meanwhile: filings wait, which is why this is for
    /// retention, run now and then.
    ///
    /// It does not reach the server's write-ahead log (pg_wal, shared by every database of the
    /// server), whose segments keep the records written at filing until they are recycled:
    /// docs/SECURITY.md says so, and PostgresEngineTests.retention measures the tables' files.
    package func removeDeletedCopies() throws -> Bool {
        try guarded {
            try connections.withSession { session in
                try session.execute("SELECT pg_advisory_lock($1)", [.integer(PostgresSchema.writeLock)])
                // A session's lock outlives the statement: left held, it would stop every writer
                // until the connection closed. A connection that broke is closed, and with it the lock.
                defer { _ = try? session.execute("SELECT pg_advisory_unlock($1)", [.integer(PostgresSchema.writeLock)]) }
                let deadline = Date().addingTimeInterval(patience)
                for table in PostgresCaseStorage.ciphertextTables {
                    guard try Self.removeDeadRows(of: table, in: session, until: deadline) else { return false }
                    try session.execute("VACUUM FULL \(table)")
                }
                return true
            }
        }
    }

    /// How long `removeDeletedCopies` waits for this database's older transactions and snapshots
    /// to end before it says the files could not be emptied.
    package var patience: TimeInterval {
        get { patienceSeconds.withLock { $0 } }
        set { patienceSeconds.withLock { $0 = newValue } }
    }

    /// `VACUUM`s `table` (and its TOAST) until it reports no dead row version left behind.
    /// `n_dead_tup` may also rise late, when the backend that deleted flushes its counts: that
    /// costs one more round, never a wrong answer, since the rows were already gone.
    private static func removeDeadRows(of table: String, in session: PostgresSession, until deadline: Date) throws -> Bool {
        var pause = 0.05
        while true {
            try session.execute("VACUUM \(table)")
            let left = try session.query("""
                SELECT coalesce(sum(n_dead_tup), 0)::int8 AS dead FROM pg_stat_all_tables
                WHERE relid = $1::regclass OR relid = (SELECT reltoastrelid FROM pg_class WHERE oid = $1::regclass)
                """, [.text(table)])
            if try left.first?.int64("dead") == 0 { return true }
            guard Date().addingTimeInterval(pause) < deadline else { return false }
            Thread.sleep(forTimeInterval: pause)
            pause = min(pause * 2, 1)
        }
    }

    static let ciphertextTables = ["case_attachment_chunks", "case_attachments", "case_records", "case_keys", "case_seals", "cases"]

    package func close() {
        connections.close()
    }

    /// Every table as of one snapshot (a repeatable-read transaction, which does not stop
    /// filings), written into `copy` with SQLite's schema.
    package func snapshot(into copy: DatabaseQueue) throws {
        try CaseSchema.migrator().migrate(copy)
        try read { repository in
            let session = (repository as! PostgresCaseRepository).session
            try copy.write { db in try StorageCopy.copy(from: session, to: db) }
        }
    }
}
