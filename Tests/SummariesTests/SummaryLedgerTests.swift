import Cases
import CasesTesting
import Foundation
import AuditLog
import GrievanceCrypto
import Testing
@testable import Summaries

/// The release ledger and the door to it: every release recorded with its hash in the audit log,
/// the ledger append-only and checked against its hashes, nobody but the Executive Committee and
/// administrators let in, and nothing of a complaint in what comes out.
@Suite("The release ledger and the door to it")
struct SummaryLedgerTests {
    @Test("each release is recorded with its hash in the log, and the same period gives the same summary")
    func eachReleaseIsRecordedWithItsHashInTheLogAndTheSamePeriodGivesTheSameSummary() throws {
        let fixture = try SummaryFixture(count: 800, seed: 21)
        defer { fixture.remove() }
        let first = try fixture.release("2027-Q1")
        let again = try fixture.release("2027-Q1")
        #expect(first.tables == again.tables, "a finished period's numbers do not change")
        let ledger = try fixture.desk.releases()
        #expect(ledger.count == 2)
        #expect(ledger.map(\.period) == ["2027-Q1", "2027-Q1"])
        let logged = try fixture.cases.auditEntries().filter { $0.action == "summary.released" }
        #expect(logged.count == 2)
        #expect(logged[0].actor == "exec")
        #expect(logged[0].details.first { $0.key == "sha256" }?.value == first.sha256)
        // The hash is over the document as published, without the hash itself.
        var unhashed = first
        unhashed.sha256 = nil
        #expect(try SHA256.hash(unhashed.canonicalJSON()).hex == first.sha256)
    }

    @Test("the ledger refuses edits, and an edited release stops the next one")
    func theLedgerRefusesEditsAndAnEditedReleaseStopsTheNextOne() throws {
        let fixture = try SummaryFixture(count: 300, seed: 22)
        defer { fixture.remove() }
        _ = try fixture.release("2027-Q1")
        #expect(throws: (any Error).self) { try fixture.cases.raw.execute("UPDATE summary_releases SET period = '2027-Q2'") }
        #expect(throws: (any Error).self) { try fixture.cases.raw.execute("DELETE FROM summary_releases") }
        // Someone who drops the triggers and rewrites a release (to hide what it gave out) is caught by its hash.
        let rewrite: [String] = switch fixture.cases.engine {
        case .sqlite: ["DROP TRIGGER summary_releases_no_update", "UPDATE summary_releases SET document = replace(document, '\"<5\"', '0')"]
        case .postgres: ["DROP TRIGGER summary_releases_append_only ON summary_releases",
                         "UPDATE summary_releases SET document = convert_to(replace(convert_from(document, 'UTF8'), '\"<5\"', '0'), 'UTF8')"]
        }
        let rewritten = try fixture.cases.raw.transaction { tables in try rewrite.map { try tables.execute($0, []) } }
        #expect(rewritten.last == 1, "the release was not rewritten")
        let error = #expect(throws: (any Error).self) { try fixture.release("2027-Q2") }
        if let error {
            let damaged = if case SummaryError.damagedLedger = error { true } else { false }
            #expect(damaged, "\(error)")
        }
    }

    @Test("only the executive and administrators release, and refusals are logged")
    func onlyTheExecutiveAndAdministratorsReleaseAndRefusalsAreLogged() throws {
        let fixture = try SummaryFixture(count: 100, seed: 23)
        defer { fixture.remove() }
        for id in ["amina", "sofia", "ivan", "ana", "audi"] {
            let error = #expect(throws: (any Error).self, "\(id)") { try fixture.release("2027-Q1", as: id) }
            if let error {
                #expect((error as? CasesError)?.description.hasPrefix("not allowed") == true, "\(error)")
            }
        }
        #expect(try fixture.cases.auditEntries().filter { $0.action == "access.denied" && $0.details.contains { $0.value == "summary.release" } }.count == 5)
        #expect(throws: Never.self) { try fixture.release("2027-Q1", as: "admin") }
        #expect(throws: SummaryError.notEnded("2027-Q3")) { try fixture.release("2027-Q3") }
        #expect(try fixture.desk.releases().count == 1, "a refusal records nothing")
    }

    @Test("someone who could hold a case key is refused, even with the executive role")
    func someoneWhoCouldHoldACaseKeyIsRefusedEvenWithTheExecutiveRole() throws {
        let cases = try CasesFixture(roster: CasesFixture.roster + [("both", [.executive, .handler])], clock: TestClock(SummaryFixture.august2027))
        defer { cases.remove() }
        _ = try cases.administration.signCheckpoint(by: cases["admin"])
        #expect(throws: (any Error).self) {
            try SummaryDesk(installation: cases.installation).release(SummaryPeriod(parsing: "2027-Q1"), for: .executive, by: cases["both"])
        }
        #expect(throws: Never.self) {
            try SummaryDesk(installation: cases.installation).release(SummaryPeriod(parsing: "2027-Q1"), for: .executive, by: cases["exec"])
        }
    }

    @Test("the checkpoint carries the log signature alone, not a witness timestamp")
    func theCheckpointCarriesTheLogSignatureAloneNotAWitnessTimestamp() throws {
        let key = SigningKeyPair.generate()
        let note = try SignedNote.sign(text: "grievance/test\n5\nAAAA\n", name: "grievance/test", key: key)
            .adding(NoteSignature(name: "grievance/test/witness/olga", keyID: 7, signature: [UInt8](repeating: 1, count: 72)))
        let carried = try SummaryDesk.logSigned(note, origin: "grievance/test")
        #expect(carried.components(separatedBy: "\u{2014} ").count - 1 == 1, "\(carried)")
        #expect(!carried.contains("witness"))
    }

    @Test("a release needs a signed checkpoint, and carries the latest")
    func aReleaseNeedsASignedCheckpointAndCarriesTheLatest() throws {
        let cases = try CasesFixture(clock: TestClock(SummaryFixture.august2027))
        defer { cases.remove() }
        let desk = SummaryDesk(installation: cases.installation)
        #expect(throws: SummaryError.noCheckpoint) {
            try desk.release(SummaryPeriod(parsing: "2027-Q1"), for: .executive, by: cases["exec"])
        }
        let signed = try cases.administration.signCheckpoint(by: cases["admin"])
        let document = try desk.release(SummaryPeriod(parsing: "2027-Q1"), for: .executive, by: cases["exec"])
        #expect(document.checkpoint == signed.text)
    }

    @Test("the executive holds no case key, and no complaint word reaches any format")
    func theExecutiveHoldsNoCaseKeyAndNoComplaintWordReachesAnyFormat() throws {
        let clock = TestClock(ISO8601DateFormatter().date(from: "2027-05-10T09:00:00Z")!)
        let cases = try CasesFixture(clock: clock)
        defer { cases.remove() }
        let marker = "LEDGER-MARKER-\(UUID().uuidString.prefix(8))"
        var references: [String] = []
        for index in 0..<9 {
            references.append(try cases.intake.file(CasesFixture.intake(index.isMultiple(of: 3) ? "violence" : "harassment", marker: "\(marker)-\(index)",
                                                                        event: CasesFixture.congress.slug)).reference.rawValue)
        }
        clock.advance(days: 60)
        _ = try cases.administration.signCheckpoint(by: cases["admin"])
        #expect(try cases.installation.storage.read { try $0.cases(sealedTo: "exec") }.isEmpty, "the executive holds no case key")
        let document = try SummaryDesk(installation: cases.installation).release(SummaryPeriod(parsing: "2027-Q2"), for: .executive, by: cases["exec"])
        #expect(document.table("received_by_event")?.total == .count(9))
        let outputs = [try SummaryRendering.json(document), SummaryRendering.csv(document)]
            + (try SummaryCatalog.languages.flatMap { [try SummaryRendering.markdown(document, language: $0), try SummaryRendering.html(document, language: $0)] })
        let day = try Regex("[0-9]{4}-[0-9]{2}-[0-9]{2}")
        for text in outputs {
            #expect(!text.contains(marker))
            for reference in references { #expect(!text.contains(reference)) }
            #expect(text.firstMatch(of: day) == nil)
        }
        // Nor in the database's ledger or the log's entries about it.
        let stored = try cases.installation.storage.read { try $0.summaryReleases() }
        #expect(!stored.contains { Data($0.document).range(of: Data(marker.utf8)) != nil })
    }
}
