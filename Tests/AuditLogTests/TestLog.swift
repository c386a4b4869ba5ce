import AuditLog
import Foundation
import GRDB
import GrievanceCrypto

/// A log in a temporary SQLite file, set up as the system sets up its database.
struct TestLog {
    static let origin = "grievance.example.org/audit"
    let directory: URL
    let pool: DatabasePool
    let store: AuditLogStore
    let logKey: SigningKeyPair

    var logVkey: NoteVerifierKey { try! NoteVerifierKey(name: Self.origin, type: .ed25519, publicKey: logKey.publicKey) }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("auditlog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        pool = try DurableDatabase.openPool(path: directory.appendingPathComponent("log.sqlite").path)
        var migrator = DatabaseMigrator()
        AuditLogSchema.registerMigrations(in: &migrator)
        try migrator.migrate(pool)
        store = try AuditLogStore(origin: Self.origin)
        logKey = .generate()
    }

    /// An in-memory log (one connection), for tests that tamper inside savepoints.
    static func inMemory() throws -> (DatabaseQueue, AuditLogStore) {
        let queue = try DatabaseQueue()
        var migrator = DatabaseMigrator()
        AuditLogSchema.registerMigrations(in: &migrator)
        try migrator.migrate(queue)
        return (queue, try AuditLogStore(origin: origin))
    }

    static func draft(_ index: Int) -> AuditEntryDraft {
        AuditEntryDraft(
            actor: index % 3 == 0 ? "handler-\(index % 7)" : "system",
            action: ["case.filed", "case.read", "case.advanced", "access.denied"][index % 4],
            caseReference: index % 5 == 0 ? nil : "GRV-\(1000 + index % 11)",
            details: index % 2 == 0 ? [AuditDetail("stage", "assessment"), AuditDetail("channel", "web")] : [],
            time: Date(timeIntervalSince1970: 1_790_000_000 + Double(index)))
    }

    /// Removes the append-only triggers, as someone with the database file could.
    static func dropTriggers(_ db: Database) throws {
        for table in ["audit_entries", "audit_nodes", "audit_checkpoints", "audit_cosignatures"] {
            try db.execute(sql: "DROP TRIGGER \(table)_no_update; DROP TRIGGER \(table)_no_delete")
        }
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}
