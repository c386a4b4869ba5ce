import AuditLog
import Foundation
import GRDB
import GrievanceCrypto

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Installation {
    /// The SQLite file's name once its tables live in PostgreSQL: kept until the operator has
    /// checked the new engine, then to be removed (it holds every ciphertext retention would end).
    public static let migratedDatabaseName = "grievance.sqlite.before-postgres"

    /// Copies this installation's tables into the empty PostgreSQL database at `url`, verifies
    /// the audit log there, and makes it the installation's engine (config.json's `database`).
    /// Refuses a database that holds an installation already, so it never runs twice. The
    /// SQLite write lock is held throughout: nothing is filed here while the copy is made (stop
    /// the server first, or its filings wait and then fail with nothing kept).
    public func migrateStorage(to url: String, progress: (String, Int) -> Void = { _, _ in }) throws -> StorageMigrationReport {
        guard let sqlite = storage as? SQLiteCaseStorage else {
            throw DataDirectoryError.alreadyMigrated(directory.storageDescription(configuration))
        }
        let location: PostgresLocation
        let password: String?
        do {
            location = try PostgresLocation(parsing: url)
            password = try PostgresLocation.password()
        } catch {
            throw CasesError.invalid(.database, .malformed(error.description))
        }
        let target = try PostgresCaseStorage(location: location, password: password, auditOrigin: configuration.auditOrigin)
        defer { target.close() }
        guard try target.read({ try $0.auditSize() }) == 0 else { throw DataDirectoryError.databaseInUse(location.description) }
        let rows = try sqlite.database.write { db in
            try SQLiteCaseRepository(db: db, audit: sqlite.auditLog).audit(
                ledger.entry("system", "storage.migrated", nil, [AuditDetail("to", location.description)]))
            return try target.connections.withSession { session in
                try session.execute("BEGIN")
                do {
                    try session.execute("SELECT pg_advisory_xact_lock($1)", [.integer(PostgresSchema.writeLock)])
                    guard try session.query("SELECT 1 FROM audit_entries LIMIT 1").isEmpty else {
                        throw DataDirectoryError.databaseInUse(location.description)
                    }
                    let rows = try StorageCopy.copy(from: db, to: session, progress: progress)
                    try session.execute("COMMIT")
                    return rows
                } catch {
                    session.rollback()
                    throw error
                }
            }
        }
        // The log as the new engine holds it must verify, and be the very log SQLite held.
        var moved = configuration
        moved.database = location.description
        guard let keyBytes = try storage.read({ try $0.setting(Administration.logKeyPublicSetting) }),
              let publicKey = try? SigningPublicKey(bytes: keyBytes)
        else { throw CasesError.damaged("the log's public key") }
        let logKey = try administration.logVerifierKey(publicKey)
        let report = try target.verifyAudit(logKey: logKey, witnessKeys: [], held: [], remembered: [], progress: { _ in })
        let here = try sqlite.verifyAudit(logKey: logKey, witnessKeys: [], held: [], remembered: [], progress: { _ in })
        guard report.isValid, report.entries == here.entries, report.root == here.root else {
            throw CasesError.damaged("the audit log as copied into \(location) (it does not verify, or differs from the one copied)")
        }
        try directory.replaceConfiguration(moved)
        try sqlite.close()
        let previous = directory.url.appendingPathComponent(Self.migratedDatabaseName).path
        guard rename(directory.databaseURL.path, previous) == 0 else {
            throw DataDirectoryError.cannotWrite(directory.databaseURL.path, String(cString: strerror(errno)))
        }
        return StorageMigrationReport(to: location.description, rows: rows, auditEntries: report.entries, auditRoot: report.root.hex,
                                      previousDatabase: previous)
    }
}
