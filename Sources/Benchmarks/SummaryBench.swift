import ArgumentParser
import Cases
import CasesTesting
import Foundation
import GRDBSQLite
import Summaries

/// A quarterly summary over a large caseload, disclosure audit included, beside a raw SQLite
/// GROUP BY over the same table in the same run.
struct SummaryBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Summaries: one quarter's executive summary over a large caseload, against the release ledger.",
        discussion: """
            Target: under 2 seconds over 1,000,000 cases, disclosure audit included. The cases \
            (clear metadata and stages only, five years of them) are written by raw SQL; the ledger \
            first receives the two years of summaries a committee would have been given, so the \
            audit checks the new one against all of them.
            """
    )

    @Option(help: "Cases in the database.")
    var cases = 1_000_000

    @OptionGroup var options: BenchOptions

    func run() throws {
        try options.withScratchDirectory(run(in:))
    }

    private func run(in directory: URL) throws {
        print("grievance-bench summary — \(MachineDescription.current())")
        let now = ISO8601DateFormatter().date(from: "2027-08-02T10:00:00Z")!
        let fixture = try CasesFixture(roster: [("admin", [.admin]), ("exec", [.executive])], events: [], clock: TestClock(now), in: directory)
        let generator = SyntheticPopulation(seed: 2027, events: [])
        let made = Date()
        let population = generator.generate(count: cases, from: ISO8601DateFormatter().date(from: "2022-07-01T00:00:00Z")!,
                                            to: ISO8601DateFormatter().date(from: "2027-07-01T00:00:00Z")!, now: now)
        try fixture.raw.transaction { try SyntheticPopulation.insert(population, into: $0) }
        try fixture.database.write { db in try db.execute(sql: "ANALYZE") }
        print("\(cases) cases written in \(String(format: "%.1f", Date().timeIntervalSince(made))) s; WAL, synchronous=FULL\n")
        _ = try fixture.administration.signCheckpoint(by: fixture["admin"])
        let desk = SummaryDesk(installation: fixture.installation)
        // Two years of meetings: every quarter for the Executive Committee and the Gender Committee.
        var released = 0
        for quarter in ["2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "2027-Q1"] {
            for audience in [SummaryAudience.executive, .gender] {
                _ = try desk.release(try SummaryPeriod(parsing: quarter), for: audience, by: fixture["exec"])
                released += 1
            }
        }
        let period = try SummaryPeriod(parsing: "2027-Q2")
        let (document, _, ledger) = try desk.prepare(period, for: .executive, now: now)
        let withheld = document.tables.flatMap { table in table.cells.flatMap { $0 } + table.rowTotals + table.columnTotals + [table.total] }
            .filter(\.isWithheld).count
        print("2027-Q2, executive: \(document.tables.count) tables, \(withheld) values withheld, checked against \(ledger) earlier releases\n")

        let raw = RawQuery(path: fixture.installation.directory.databaseURL.path)
        let groupBy = "SELECT category, region, stage, count(*) FROM cases GROUP BY category, region, stage"
        var ours: [Double] = [], baseline: [Double] = []
        for _ in 0..<options.rounds {
            let started = Date()
            _ = try desk.prepare(period, for: .executive, now: now)
            ours.append(Date().timeIntervalSince(started))
            let rawStarted = Date()
            raw.run(groupBy)
            baseline.append(Date().timeIntervalSince(rawStarted))
        }
        let oursMedian = PairedComparison.median(ours), rawMedian = PairedComparison.median(baseline)
        print("| operation | median | raw SQLite GROUP BY over all \(cases) rows | ratio (raw / ours) | target |")
        print("|---|---|---|---|---|")
        let meets = oursMedian < 2
        print("| quarterly executive summary, disclosure audit against \(released) releases | \(String(format: "%.3f", oursMedian)) s | "
              + "\(String(format: "%.3f", rawMedian)) s | \(String(format: "%.2f", rawMedian / oursMedian)) | < 2 s: \(meets ? "met" : "MISSED") |")
        if options.check && !meets { throw ExitCode(1) }
    }
}
