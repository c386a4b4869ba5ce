import AuditLog
@testable import Cases
import CasesTesting
import Foundation
import GrievanceCrypto
import Testing

@Suite("Retention: closed cases crypto-shredded on time, never early, never when held")
struct RetentionTests {
    static let year = 365.25

    /// Files a marked case with an attachment and closes it (received → acknowledged → assessment → closed).
    static func closedCase(_ f: CasesFixture, _ marker: String, category: String = "harassment") throws -> FiledCase {
        let filed = try f.intake.file(CasesFixture.intake(category, marker: marker),
                                      attachments: [try AttachmentTests.sealed(AttachmentTests.file(marker, count: 40_000), f)])
        try f.casework.addNote(filed.reference, text: "\(marker)-note", by: f["amina"])
        for stage in ["acknowledged", "assessment", "closed"] {
            _ = try f.casework.advance(filed.reference, to: stage, reason: "\(marker)-reason", by: f["amina"])
        }
        return filed
    }

    /// Every ciphertext the database holds for a case: records, attachment chunks and keys, seals.
    static func ciphertexts(_ f: CasesFixture, _ reference: CaseReference) throws -> [[UInt8]] {
        try f.raw.column("""
            SELECT sealed AS b FROM case_records WHERE case_ref = ?1 UNION ALL SELECT chunk FROM case_attachment_chunks WHERE case_ref = ?1
            UNION ALL SELECT sealed_key FROM case_attachments WHERE case_ref = ?1 UNION ALL SELECT sealed FROM case_seals WHERE case_ref = ?1
            """, .text(reference.rawValue)).compactMap(\.bytes)
    }

    /// The names of the files holding the tables in which one of `blobs` begins.
    static func filesHolding(_ blobs: [[UInt8]], in files: [(name: String, bytes: Data)]) -> [String] {
        files.filter { file in blobs.contains { file.bytes.holds($0.prefix(64)) } }.map(\.name)
    }

    @Test("a closed case past its time is shredded: its ciphertext leaves the database's files (SQLite's WAL too), no key opens it, its receipt finds nothing, its statistics and log stay")
    func shredding() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let marker = "RETAIN-\(UUID().uuidString)"
        let ended = try Self.closedCase(f, marker)
        let open = try f.intake.file(CasesFixture.intake(marker: "\(marker)-open"))
        let old = try Self.ciphertexts(f, ended.reference)
        #expect(old.count >= 8)
        // The scan finds them while they are there: it reads the files that hold the tables.
        #expect(!Self.filesHolding(old, in: try f.databaseFiles()).isEmpty)
        let admin = f["admin"]

        f.clock.advance(days: 6 * Self.year - 2)
        var run = try f.administration.runRetention(by: admin, dryRun: false)
        #expect(run.shredded.isEmpty && run.decisions.map(\.verdict) == [.kept], "not a day early")
        f.clock.advance(days: 3)
        run = try f.administration.runRetention(by: admin, dryRun: true)
        #expect(run.due.map(\.reference) == [ended.reference])
        #expect(try Self.ciphertexts(f, ended.reference).count == old.count, "a dry run changes nothing")
        let entriesBefore = try f.auditSize()

        run = try f.administration.runRetention(by: admin, dryRun: false)
        #expect(run.shredded == [ended.reference])
        #expect(try f.auditSize() == entriesBefore + 1, "one entry says it ended")
        #expect(run.logFileEmptied)
        #expect(try Self.ciphertexts(f, ended.reference).isEmpty)
        // SQLite: the file and its WAL. PostgreSQL: the database's files after VACUUM FULL and a
        // CHECKPOINT (its write-ahead log is another matter: PostgresEngineTests.retention).
        let files = try f.databaseFiles()
        #expect(Self.filesHolding(old, in: files) == [], "a ciphertext of the shredded case is still there")
        #expect(files.allSatisfy { !$0.bytes.holds(marker.utf8) })
        #expect(try f.filesHolding(marker).isEmpty)

        // No key the system holds opens what it was: every seal left, opened by everyone and the
        // recovery key, gives keys none of which opens the old records.
        let keyPairs = f.people.values.map(\.boxKeyPair) + [f.recoveryKey.keyPair]
        let seals = try f.raw.rows("SELECT case_ref, sealed FROM case_seals")
        let keys = seals.flatMap { row in
            keyPairs.compactMap { try? CaseKeyEnvelope.open(row["sealed"]?.bytes ?? [], caseReference: row["case_ref"]?.text ?? "", with: $0) }
        }
        #expect(!keys.isEmpty)
        let records = old.prefix(3)
        for key in keys {
            for (sequence, record) in records.enumerated() {
                for kind in RecordKind.allCases {
                    #expect((try? RecordEnvelope.open(record, key: key, caseReference: ended.reference.rawValue, sequence: UInt64(sequence + 1), kind: kind)) == nil)
                }
            }
        }

        #expect(throws: CasesError(.shredded(ended.reference))) { try f.casework.show(ended.reference, as: f["amina"]) }
        #expect(throws: CasesError.noCaseForReceipt) { try f.intake.followUp(receipt: ended.receipt) }
        #expect(try f.casework.list(for: f["amina"]).map(\.summary.reference) == [open.reference])
        #expect(try f.casework.show(open.reference, as: f["amina"]).complaint.description.contains("\(marker)-open"))
        // The tombstone keeps what statistics count; the log keeps every entry and says why.
        let tombstone = try #require(try f.raw.rows("SELECT category, stage, created_at FROM cases WHERE reference = ?", .text(ended.reference.rawValue)).first)
        #expect(tombstone["category"] == "harassment" && tombstone["stage"] == "closed")
        let entries = try f.auditEntries()
        #expect(entries.filter { $0.caseReference == ended.reference.rawValue }.count > 5)
        let shredEntry = try #require(entries.last { $0.action == "case.shredded" })
        #expect(shredEntry.caseReference == ended.reference.rawValue && shredEntry.details.contains(AuditDetail("rule", "closed-cases: 6 years")))
        #expect(try f.administration.verifyAudit().isValid)
        // Nothing is left to do.
        #expect(try f.administration.runRetention(by: admin, dryRun: false).decisions.isEmpty)
    }

    @Test("a reporter's message after closing restarts the clock; so does a released hold; a held case survives")
    func clockAndHolds() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let admin = f["admin"]
        let written = try Self.closedCase(f, "WRITTEN")
        let held = try Self.closedCase(f, "HELD")
        try f.casework.hold(held.reference, reason: "Proceedings in the labour court", by: f["amina"])
        #expect(throws: CasesError(.holdState(held.reference, held: true))) {
            try f.casework.hold(held.reference, reason: "again", by: f["amina"])
        }
        #expect(throws: CasesError.self) { try f.casework.hold(held.reference, reason: "not mine", by: f["ivan"]) }
        f.clock.advance(days: 6 * Self.year - 1)
        _ = try f.intake.addReporterMessage(receipt: written.receipt, text: "One more thing, years later.")
        f.clock.advance(days: 2)
        var run = try f.administration.runRetention(by: admin, dryRun: false)
        #expect(run.shredded.isEmpty)
        #expect(run.decisions.first { $0.reference == written.reference }?.verdict == .kept)
        #expect(run.decisions.first { $0.reference == held.reference }?.verdict == .held)

        f.clock.advance(days: 10 * Self.year)
        run = try f.administration.runRetention(by: admin, dryRun: false)
        #expect(run.shredded == [written.reference], "the held case survives ten more years")
        try f.casework.releaseHold(held.reference, reason: "The proceedings ended.", by: f["amina"])
        run = try f.administration.runRetention(by: admin, dryRun: false)
        #expect(run.shredded.isEmpty, "releasing restarts the clock")
        f.clock.advance(days: 6 * Self.year + 1)
        #expect(try f.administration.runRetention(by: admin, dryRun: false).shredded == [held.reference])
        #expect(try f.auditEntries().map(\.action).filter { ["case.held", "case.hold-released"].contains($0) } == ["case.held", "case.hold-released"])
    }

    @Test("a case in appeal, or still in its decision, is never ended however old")
    func openCasesStay() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let appealed = try f.intake.file(CasesFixture.intake())
        for stage in ["acknowledged", "assessment", "investigation", "decision", "appeal"] {
            _ = try f.casework.advance(appealed.reference, to: stage, reason: "on", by: f["amina"])
        }
        let deciding = try f.intake.file(CasesFixture.intake())
        for stage in ["acknowledged", "assessment", "investigation", "decision"] {
            _ = try f.casework.advance(deciding.reference, to: stage, reason: "on", by: f["amina"])
        }
        f.clock.advance(days: 30 * Self.year)
        let run = try f.administration.runRetention(by: f["admin"], dryRun: false)
        #expect(run.decisions.isEmpty && run.shredded.isEmpty)
    }

    @Test("per category and per outcome, the longest rule wins")
    func rules() throws {
        let text = PolicyFixtures.defaultText.replacingOccurrences(of: "  # by-outcome:              # by the stage a case was closed from, e.g.\n  #   assessment: 3 years\n",
                                                                   with: "  by-outcome:\n    assessment: 8 years\n")
        #expect(text != PolicyFixtures.defaultText)
        let f = try CasesFixture(procedure: text)
        defer { f.remove() }
        // Closed from assessment: 8 years (by-outcome) beats 6 (closed-cases).
        let assessed = try Self.closedCase(f, "ASSESSED")
        // A child's case closed from assessment: 25 years (by-category) beats 8 and 6.
        let child = try f.intake.file(CasesFixture.intake("safeguarding-child"))
        for stage in ["acknowledged", "assessment", "closed"] { _ = try f.casework.advance(child.reference, to: stage, reason: "on", by: f["sofia"]) }
        let closedAt = f.clock.now
        let run = try f.administration.runRetention(by: f["admin"], dryRun: true)
        let byReference = Dictionary(uniqueKeysWithValues: run.decisions.map { ($0.reference, $0) })
        #expect(byReference[assessed.reference]?.rule == "by-outcome assessment: 8 years")
        #expect(byReference[assessed.reference]?.ends == PolicyDuration(value: 8, unit: .years).after(closedAt))
        #expect(byReference[child.reference]?.rule == "by-category safeguarding-child: 25 years")
        #expect(byReference[child.reference]?.outcome == "assessment")
        f.clock.advance(days: 8 * Self.year + 2)
        #expect(try f.administration.runRetention(by: f["admin"], dryRun: false).shredded == [assessed.reference])
    }

    @Test("only an administrator runs retention; the refusal is logged")
    func administratorsOnly() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        for id in ["amina", "sofia", "exec"] {
            #expect(throws: CasesError(.administratorsOnly(.runRetention))) { try f.administration.runRetention(by: f[id], dryRun: true) }
        }
        #expect(try f.denials() == 3)
    }

    @Test("the procedure's retention rules name real categories and stages cases close from")
    func loading() throws {
        for (rules, complaint) in [
            ("  by-category:\n    harasment: 2 years\n", "unknown category 'harasment'"),
            ("  by-outcome:\n    received: 2 years\n", "from which no case is closed"),
            ("  by-outcome:\n    assessment: forever\n", "assessment"),
            ("  by-category:\n    harassment: 2 years\n", "shorter than closed-cases"),
        ] {
            let text = PolicyFixtures.defaultText.replacingOccurrences(of: "  by-category:               # a child's case outlives their coming of age\n    safeguarding-child: 25 years\n", with: rules)
            #expect(text != PolicyFixtures.defaultText)
            do {
                _ = try ProcedureLoader.load(data: Data(text.utf8), file: "p.yaml")
                Issue.record("accepted \(rules)")
            } catch {
                #expect(error.problem.contains(complaint), "\(error)")
            }
        }
    }
}
