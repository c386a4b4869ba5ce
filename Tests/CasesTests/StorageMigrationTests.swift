import AuditLog
@testable import Cases
import CasesTesting
import Foundation
import GrievanceCrypto
import Testing

@Suite("storage migrate: SQLite's tables into PostgreSQL, once, the log verified on the other side",
       .enabled(if: TestEngine.postgresAvailable))
struct StorageMigrationTests {
    @Test("every case, receipt, key and entry arrives; the log is the same log; the installation runs on PostgreSQL after")
    func migrates() throws {
        let f = try CasesFixture(engine: .sqlite)
        defer { f.remove() }
        let marker = "MIGRATE-\(UUID().uuidString)"
        let filed = try f.intake.file(CasesFixture.intake(marker: marker),
                                      attachments: [try AttachmentTests.sealed(AttachmentTests.file(marker, count: 30_000), f)])
        _ = try f.casework.advance(filed.reference, to: "acknowledged", reason: "\(marker)-reason", by: f["amina"])
        _ = try f.administration.signCheckpoint(by: f["admin"])
        let before = try f.administration.verifyAudit()
        let target = try TestEngine.newPostgresDatabase()
        defer { TestEngine.dropPostgresDatabase(target.url) }

        let report = try f.installation.migrateStorage(to: target.url)
        #expect(report.auditEntries == before.entries + 1, "one entry says where the tables went")
        #expect(report.rows["cases"] == 1 && report.rows["case_attachment_chunks"] ?? 0 > 0 && report.rows["audit_nodes"] ?? 0 > 0)
        #expect(!FileManager.default.fileExists(atPath: f.dataDirectory.appendingPathComponent("grievance.sqlite").path))
        #expect(FileManager.default.fileExists(atPath: report.previousDatabase))

        let moved = try f.installation.directory.open()
        defer { try? moved.storage.close() }
        #expect(moved.storage is PostgresCaseStorage)
        #expect(moved.configuration.database == (try PostgresLocation(parsing: target.url)).description)
        let shown = try moved.casework.show(filed.reference, as: f["amina"])
        #expect(shown.complaint.description.contains(marker) && shown.summary.stage == "acknowledged")
        let desk = try f.installation.directory.openIntakeDesk()
        #expect(try desk.followUp(receipt: filed.receipt).stage == "acknowledged")
        let after = try moved.administration.verifyAudit()
        #expect(after.isValid && after.entries > before.entries, "nothing of the log was lost (the follow-up adds to it)")
        #expect(try moved.administration.latestCheckpoint().map { try Checkpoint(text: $0.note.text).size } == before.entries,
                "the checkpoint signed on SQLite is kept and still verifies")
        // Work goes on, on the new engine.
        let next = try desk.file(CasesFixture.intake(marker: "\(marker)-after"))
        #expect(try moved.casework.list(for: f["amina"]).count == 2 && next.reference != filed.reference)
        #expect(try moved.administration.verifyAudit().isValid)
    }

    @Test("it never runs twice, nor into a database that holds another installation; a refused migration changes nothing")
    func refusesTwice() throws {
        let first = try CasesFixture(engine: .sqlite)
        defer { first.remove() }
        let second = try CasesFixture(engine: .sqlite)
        defer { second.remove() }
        let target = try TestEngine.newPostgresDatabase()
        defer { TestEngine.dropPostgresDatabase(target.url) }
        _ = try first.installation.migrateStorage(to: target.url)
        let entries = try second.auditSize()
        #expect(throws: DataDirectoryError.self) { try second.installation.migrateStorage(to: target.url) }
        #expect(try second.auditSize() == entries, "the refused migration left no entry behind")
        #expect(FileManager.default.fileExists(atPath: second.dataDirectory.appendingPathComponent("grievance.sqlite").path))
        #expect(try second.installation.directory.open().configuration.database == nil)
        // Once on PostgreSQL, there is nothing more to migrate.
        let moved = try first.installation.directory.open()
        defer { try? moved.storage.close() }
        #expect(throws: DataDirectoryError.self) { try moved.migrateStorage(to: target.url) }
    }

    @Test("a password in the URL is refused, before anything is written")
    func noPasswordInURL() throws {
        let f = try CasesFixture(engine: .sqlite)
        defer { f.remove() }
        let entries = try f.auditSize()
        #expect(throws: CasesError.self) { try f.installation.migrateStorage(to: "postgres://grievance:secret@127.0.0.1:5432/x") }
        #expect(try f.auditSize() == entries)
        #expect(try f.installation.directory.open().configuration.database == nil)
    }
}
