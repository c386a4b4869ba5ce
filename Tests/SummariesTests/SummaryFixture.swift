import Cases
import CasesTesting
import Foundation
@testable import Summaries

/// A data directory holding a made-up population, its clock in August 2027, and a signed
/// checkpoint for summaries to carry.
struct SummaryFixture {
    let cases: CasesFixture
    let population: [SyntheticCase]

    static let august2027 = ISO8601DateFormatter().date(from: "2027-08-02T10:00:00Z")!

    init(count: Int, seed: UInt64, from: String = "2026-07-01T00:00:00Z", to: String = "2027-07-01T00:00:00Z") throws {
        cases = try CasesFixture(clock: TestClock(Self.august2027))
        let generator = SyntheticPopulation(seed: seed, events: [CasesFixture.congress.slug, CasesFixture.webinar.slug])
        population = generator.generate(count: count, from: ISO8601DateFormatter().date(from: from)!, to: ISO8601DateFormatter().date(from: to)!,
                                        now: Self.august2027)
        let made = population
        try cases.raw.transaction { try SyntheticPopulation.insert(made, into: $0) }
        _ = try cases.administration.signCheckpoint(by: cases["admin"])
    }

    var desk: SummaryDesk { SummaryDesk(installation: cases.installation) }

    func release(_ period: String, _ audience: SummaryAudience = .executive, as id: String = "exec") throws -> SummaryDocument {
        try desk.release(SummaryPeriod(parsing: period), for: audience, by: cases[id])
    }

    /// The engine's true counts, before disclosure control.
    func engine(_ period: SummaryPeriod) throws -> SummaryEngine {
        let procedure = cases.procedure
        let query = SummaryDesk.query(period, procedure: procedure)
        let trendPeriods = SummaryDesk.trendPeriods(ending: period)
        let (statistical, trend) = try cases.installation.storage.read { repository in
            (try repository.statisticalCases(query), try repository.receivedCounts(in: trendPeriods.map(\.range.dates)))
        }
        return SummaryEngine(procedure: procedure, period: period, events: [CasesFixture.congress.slug, CasesFixture.webinar.slug],
                             cases: statistical, trend: Array(zip(trendPeriods, trend)))
    }

    func remove() { cases.remove() }
}
