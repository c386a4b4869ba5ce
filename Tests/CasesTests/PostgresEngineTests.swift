import AuditLog
@testable import Cases
import CasesTesting
import Foundation
import GRDB
import GrievanceCrypto
import Synchronization
import Testing

/// What PostgreSQL must keep as SQLite does, tried against a real server (scripts/lib/postgres.sh
/// starts one for each test run). The rest of the suites run on it too with
/// GRIEVANCE_TEST_ENGINE=postgres.
@Suite("PostgreSQL: the second engine keeps SQLite's guarantees", .enabled(if: TestEngine.postgresAvailable))
struct PostgresEngineTests {
    static func storage(_ f: CasesFixture) -> PostgresCaseStorage { f.installation.storage as! PostgresCaseStorage }

    /// Runs `sql` on the fixture's database outside Cases, as someone with its password would.
    @discardableResult
    static func raw(_ f: CasesFixture, _ sql: String) throws -> Int {
        try storage(f).connections.withSession { try $0.execute(sql) }
    }

    @Test("a case filed, listed, worked and followed up on PostgreSQL; the log verifies; its text is nowhere in the tables")
    func lifecycle() throws {
        let f = try CasesFixture(engine: .postgres)
        defer { f.remove() }
        let marker = "PGMARK-\(UUID().uuidString)"
        let filed = try f.intake.file(CasesFixture.intake(marker: marker))
        #expect(try f.casework.list(for: f["amina"]).map(\.summary.reference) == [filed.reference])
        #expect(try f.casework.show(filed.reference, as: f["amina"]).complaint.description.contains(marker))
        _ = try f.casework.advance(filed.reference, to: "acknowledged", reason: "seen", by: f["amina"])
        #expect(try f.intake.followUp(receipt: filed.receipt).stage == "acknowledged")
        #expect(throws: CasesError.self) { try f.casework.show(filed.reference, as: f["exec"]) }
        #expect(try f.administration.verifyAudit().isValid)
        let found = try Self.storage(f).connections.withSession { session in
            try session.query("""
                SELECT count(*) AS n FROM (SELECT sealed AS b FROM case_records UNION ALL SELECT entry FROM audit_entries
                                           UNION ALL SELECT sealed FROM case_seals) AS everything
                WHERE position($1::bytea IN b) > 0
                """, [.bytes(Array(marker.utf8))]).first.map { try $0.int64("n") }
        }
        #expect(found == 0)
    }

    @Test("the audit tables and the release ledger refuse UPDATE, DELETE and TRUNCATE, even to the database's owner")
    func appendOnly() throws {
        let f = try CasesFixture(engine: .postgres)
        defer { f.remove() }
        _ = try f.intake.file(CasesFixture.intake(marker: "append-only"))
        _ = try f.administration.signCheckpoint(by: f["admin"])
        for table in ["audit_entries", "audit_nodes", "audit_checkpoints", "audit_cosignatures", "summary_releases"] {
            for statement in ["UPDATE \(table) SET \(table == "audit_nodes" || table == "audit_cosignatures" || table == "summary_releases" ? "id = id" : table == "audit_entries" ? "seq = seq" : "size = size")",
                              "DELETE FROM \(table)", "TRUNCATE \(table) CASCADE"] {
                #expect(throws: (any Error).self, "\(statement) was allowed") { try Self.raw(f, statement) }
            }
        }
        #expect(try f.administration.verifyAudit().isValid)
        #expect(try f.auditSize() > 10)
    }

    @Test("every writing transaction commits durably (synchronous_commit on), whatever the server's default")
    func durableCommits() throws {
        let f = try CasesFixture(engine: .postgres)
        defer { f.remove() }
        try Self.raw(f, "ALTER DATABASE \(f.postgresURL!.split(separator: "/").last!) SET synchronous_commit = off")
        let reopened = try f.installation.directory.open()
        defer { try? reopened.storage.close() }
        let setting = try reopened.storage.write { repository in
            try (repository as! PostgresCaseRepository).session.query("SHOW synchronous_commit").first.map { try $0.string("synchronous_commit") }
        }
        #expect(setting == "on")
    }

    @Test("two instances filing at once over one database: one gapless chain, every filing logged once, the log verifies")
    func twoInstances() throws {
        let f = try CasesFixture(engine: .postgres)
        defer { f.remove() }
        // A second process's view: its own storage, its own connections, the same tables.
        let other = try f.installation.directory.openIntakeDesk()
        let desks = [f.intake, other]
        let filed = Mutex<[CaseReference]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for index in 0..<12 {
                if let reference = try? desks[worker % 2].file(CasesFixture.intake(marker: "pair-\(worker)-\(index)")).reference {
                    filed.withLock { $0.append(reference) }
                }
            }
        }
        let references = filed.withLock { $0 }
        #expect(references.count == 96 && Set(references).count == 96)
        let sequences = try Self.storage(f).connections.withSession { session in
            try session.query("SELECT seq FROM audit_entries ORDER BY seq").map { try $0.int64("seq") }
        }
        #expect(sequences == Array(0..<Int64(sequences.count)), "the chain has a gap or a fork")
        let logged = try f.auditEntries().filter { $0.action == "case.filed" }.compactMap(\.caseReference)
        #expect(logged.count == 96 && Set(logged) == Set(references.map(\.rawValue)))
        #expect(try f.administration.verifyAudit().isValid)
    }

    @Test("a database migrated by a newer version is refused, not guessed at")
    func frozenMigrations() throws {
        let f = try CasesFixture(engine: .postgres)
        defer { f.remove() }
        let applied = try Self.storage(f).connections.withSession { session in
            try session.query("SELECT id FROM grievance_migrations ORDER BY id").map { try $0.string("id") }
        }
        #expect(applied == PostgresSchema.migrations.map(\.id))
        try Self.raw(f, "INSERT INTO grievance_migrations (id, applied_at) VALUES ('postgres-v999', 0)")
        #expect(throws: CasesError.self) { try f.installation.directory.open() }
    }

    @Test("init refuses a database another installation uses")
    func databaseInUse() throws {
        let f = try CasesFixture(engine: .postgres)
        defer { f.remove() }
        let folder = f.folder.appendingPathComponent("second").path
        #expect(throws: DataDirectoryError.self) {
            try DataDirectory.create(at: folder, organisation: "Another", adminID: "admin2", adminName: "Admin",
                                     passphrase: Passphrase(utf8: CasesFixture.newPassphrase(for: "admin2")), procedureText: Data(contentsOf: CasesFixture.procedureURL),
                                     procedureFile: "grievance-procedure.yaml", keyCost: "interactive",
                                     database: f.postgresURL)
        }
        #expect(try f.administration.verifyAudit().isValid)
    }

    @Test("retention: a shredded case's ciphertext is in the database's files before, in none of them after VACUUM FULL and a CHECKPOINT",
          .enabled(if: PostgresFiles.readable))
    func retention() throws {
        let f = try CasesFixture(engine: .postgres)
        defer { f.remove() }
        let marker = "PGRETAIN-\(UUID().uuidString)"
        let ended = try RetentionTests.closedCase(f, marker)
        let kept = try RetentionTests.closedCase(f, "\(marker)-kept")
        try f.casework.hold(kept.reference, reason: "proceedings", by: f["amina"])
        let old = try RetentionTests.ciphertexts(f, ended.reference)
        #expect(old.count >= 8)
        // The scan works: after a CHECKPOINT the case's ciphertexts are in the files under base/.
        let before = RetentionTests.filesHolding(old, in: try f.databaseFiles())
        #expect(!before.isEmpty, "no ciphertext of the case found in its database's files while it was there")

        // What made VACUUM FULL alone keep the rows now and then: a transaction holding an id in
        // another database of the server, for the whole run, and a snapshot in this database
        // taken before the shredding and ended a moment after it.
        let other = try CasesFixture(engine: .postgres)
        defer { other.remove() }
        let elsewhere = try Self.holdTransactionID(other)
        let snapshot = try Self.holdSnapshot(f, for: 1.5)
        f.clock.advance(days: 6 * RetentionTests.year + 1)
        let run = try f.administration.runRetention(by: f["admin"], dryRun: false)
        snapshot.wait()
        #expect(run.shredded == [ended.reference] && run.logFileEmptied)
        #expect(try RetentionTests.ciphertexts(f, ended.reference).isEmpty)
        // No dead row version, in a table or its TOAST, keeps a copy once VACUUM FULL rewrote them.
        let after = try f.databaseFiles()
        elsewhere.wait()
        #expect(RetentionTests.filesHolding(old, in: after) == [], "a ciphertext of the shredded case is still in the database's files")
        // A run with nothing shredded since, and nothing left over, rewrites nothing.
        let vacuums = "SELECT vacuum_count + autovacuum_count AS n FROM pg_stat_all_tables WHERE relname = 'case_attachment_chunks'"
        let count = { try Self.storage(f).connections.withSession { try $0.query(vacuums).first?.int64("n") } }
        let vacuumed = try count()
        #expect(try f.administration.runRetention(by: f["admin"], dryRun: false).logFileEmptied)
        #expect(try count() == vacuumed)
        // The case kept is still there, whole: the rewrite dropped what was shredded alone.
        let keptCiphertexts = try RetentionTests.ciphertexts(f, kept.reference)
        #expect(!RetentionTests.filesHolding(keptCiphertexts, in: after).isEmpty)
        #expect(try f.casework.show(kept.reference, as: f["amina"]).complaint.description.contains("\(marker)-kept"))
        // The write-ahead log is the limit (docs/SECURITY.md, "PostgreSQL's write-ahead log"):
        // its segments keep the records written when the case was filed until the server
        // recycles and overwrites them, which no statement of the database's owner can force.
        // Measured: the segment current at filing still held them after this run. So nothing
        // is asserted of pg_wal here.
    }

    @Test("retention says the files were not emptied when a snapshot older than the shredding outlasts its patience; filings go on; the next run empties them",
          .enabled(if: PostgresFiles.readable))
    func retentionOutwaited() throws {
        let f = try CasesFixture(engine: .postgres)
        defer { f.remove() }
        let ended = try RetentionTests.closedCase(f, "PGOUTWAIT-\(UUID().uuidString)")
        let old = try RetentionTests.ciphertexts(f, ended.reference)
        Self.storage(f).patience = 1
        let snapshot = try Self.holdSnapshot(f, for: 30)
        f.clock.advance(days: 6 * RetentionTests.year + 1)
        let run = try f.administration.runRetention(by: f["admin"], dryRun: false)
        #expect(run.shredded == [ended.reference])
        #expect(!run.logFileEmptied, "the snapshot kept the rows, so the files cannot have been emptied")
        // The write lock was given back: a case is filed and worked while the snapshot still runs.
        _ = try RetentionTests.closedCase(f, "PGOUTWAIT-after")
        snapshot.wait()
        // Once the snapshot has ended, the next run removes them, though it shreds nothing.
        Self.storage(f).patience = 30
        let again = try f.administration.runRetention(by: f["admin"], dryRun: false)
        #expect(again.shredded.isEmpty && again.logFileEmptied)
        #expect(RetentionTests.filesHolding(old, in: try f.databaseFiles()) == [])
    }

    /// A transaction that holds a transaction id in `f`'s database, on a connection of its own,
    /// from now until the caller's `wait()` ends it.
    static func holdTransactionID(_ f: CasesFixture) throws -> HeldTransaction {
        try HeldTransaction(f, begin: "BEGIN", first: "SELECT pg_current_xact_id()", for: nil)
    }

    /// A repeatable-read snapshot of `f`'s database, taken now and ended after `seconds`.
    static func holdSnapshot(_ f: CasesFixture, for seconds: TimeInterval) throws -> HeldTransaction {
        try HeldTransaction(f, begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", first: "SELECT count(*) FROM cases", for: seconds)
    }
}
