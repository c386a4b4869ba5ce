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
    /// database's transactions and snapshots; it removes the dead row versions it can and sets
    /// `n_dead_tup` to the number it had to leave. So, for each table: `VACUUM` until it left
    /// none, then `VACUUM FULL`. Once a `VACUUM` has left none, the shredded rows are gone from
    /// every page, their bytes only in space marked free; dead rows other writers make after that
    /// are other rows, so no lock on writers is needed, and filings go on. `VACUUM FULL` then
    /// writes the table and its TOAST anew and drops the old files.
    ///
    /// False — `retention run` says "not emptied", and its next run tries again — when a
    /// transaction of this database older than the shredding outlasts `patience`, when a table's
    /// lock cannot be had within 5 s (someone reading it for long), or when PostgreSQL cannot
    /// show that the `VACUUM` ran and counted (a server before 15, `track_counts` off, a role
    /// that does not own the tables).
    ///
    /// It does not reach the server's write-ahead log (pg_wal, shared by every database of the
    /// server), whose segments keep the records written at filing until they are recycled:
    /// docs/SECURITY.md says so, and PostgresEngineTests.retention measures the tables' files.
    package func removeDeletedCopies() throws -> Bool {
        try guarded {
            try connections.withSession { session in
                let server = try session.query(
                    "SELECT current_setting('server_version_num')::int4 AS version, current_setting('track_counts')::bool AS counting")
                guard let server = server.first, try server["version"].decode(Int32.self) >= 150_000, try server["counting"].decode(Bool.self)
                else { return false }
                // Waits for a table's lock at most this long: VACUUM FULL's exclusive lock, once
                // asked for, would hold up every reader and writer of the table behind it.
                try session.execute("SET lock_timeout = '5s'")
                defer { _ = try? session.execute("RESET lock_timeout") }
                let deadline = Date().addingTimeInterval(patience)
                var emptied = true
                for table in PostgresCaseStorage.ciphertextTables {
                    // A table that cannot be emptied now does not keep the others from it.
                    guard try Self.removeDeadRows(of: table, in: session, until: deadline),
                          try Self.lockable({ try session.execute("VACUUM FULL \(table)") })
                    else {
                        emptied = false
                        continue
                    }
                }
                return emptied
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
    /// costs one more round, never a wrong answer, since the rows were already gone. A `VACUUM`
    /// that did not run (PostgreSQL only warns when the role does not own the table) does not
    /// raise `vacuum_count`, and is not taken for one that found nothing.
    private static func removeDeadRows(of table: String, in session: PostgresSession, until deadline: Date) throws -> Bool {
        var pause = 0.05
        while true {
            let before = try vacuumCount(of: table, in: session)
            if try lockable({ try session.execute("VACUUM \(table)") }) {
                let left = try session.query("""
                    SELECT coalesce(sum(n_dead_tup), 0)::int8 AS dead FROM pg_stat_all_tables
                    WHERE relid = $1::regclass OR relid = (SELECT reltoastrelid FROM pg_class WHERE oid = $1::regclass)
                    """, [.text(table)])
                guard try vacuumCount(of: table, in: session) > before else { return false }
                if try left.first?.int64("dead") == 0 { return true }
            }
            guard Date().addingTimeInterval(pause) < deadline else { return false }
            Thread.sleep(forTimeInterval: pause)
            pause = min(pause * 2, 1)
        }
    }

    private static func vacuumCount(of table: String, in session: PostgresSession) throws -> Int64 {
        try session.query("SELECT vacuum_count FROM pg_stat_all_tables WHERE relid = $1::regclass", [.text(table)]).first?.int64("vacuum_count") ?? 0
    }

    /// Runs `work`; false if it gave up waiting for a lock (`lock_timeout`, SQLSTATE 55P03).
    private static func lockable(_ work: () throws -> Void) throws -> Bool {
        do {
            try work()
            return true
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "55P03" {
            return false
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
