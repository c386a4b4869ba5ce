import AuditLog
import Cases
import CasesTesting
import Foundation
import GrievanceCrypto
import Synchronization
import Testing

@Suite("Filings committed together")
struct GroupCommitTests {
    @Test("eight concurrent filers: every filing answered is durable, distinct and logged; one bad filing spoils no other")
    func concurrentFilings() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let results = Mutex<[Result<CaseReference, CasesError>]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for index in 0..<25 {
                var intake = CasesFixture.intake()
                // Every fifth filing names an event that does not exist: refused inside its batch.
                if index % 5 == 4 { intake.event = "no-such-event-\(worker)" }
                let outcome = Result { try f.intake.file(intake).reference }.mapError { $0 as! CasesError }
                if case .success(let reference) = outcome {
                    // Answered means committed: another connection sees it at once.
                    let seen = try? f.raw.value("SELECT COUNT(*) AS n FROM cases WHERE reference = ?", .text(reference.rawValue))?.integer
                    #expect(seen == 1, "\(reference) was answered before it was committed")
                }
                results.withLock { $0.append(outcome) }
            }
        }
        let all = results.withLock { $0 }
        let filed = all.compactMap { try? $0.get() }
        let refused = all.filter { (try? $0.get()) == nil }
        #expect(all.count == 200)
        #expect(filed.count == 160 && Set(filed).count == 160)
        #expect(refused.count == 40)
        #expect(refused.allSatisfy { if case .failure(let error) = $0 { error.description.hasPrefix("no event") } else { false } })
        let counts = try #require(try f.raw.rows("""
            SELECT (SELECT COUNT(*) FROM cases) AS cases, (SELECT COUNT(DISTINCT case_ref) FROM case_seals) AS sealed,
                   (SELECT COUNT(DISTINCT case_ref) FROM case_records) AS recorded
            """).first)
        #expect(counts == ["cases": 160, "sealed": 160, "recorded": 160], "a refused filing left rows behind")
        let logged = try f.auditEntries().filter { $0.action == "case.filed" }.compactMap(\.caseReference)
        #expect(Set(logged) == Set(filed.map(\.rawValue)))
        let list = try f.casework.list(for: f["amina"])
        #expect(list.count == 160)
        let report = try f.administration.verifyAudit()
        #expect(report.isValid, "\(report)")
    }
}
