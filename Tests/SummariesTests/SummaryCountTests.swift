import Cases
import CasesTesting
import Foundation
import Testing
@testable import Summaries

/// The counts, checked against a made-up population whose answers the test works out itself
/// from the cases it generated, not from the database.
@Suite("The counts, against a made-up population the test works out itself")
struct SummaryCountTests {
    @Test("every table of every audience matches the generated population")
    func everyTableOfEveryAudienceMatchesTheGeneratedPopulation() throws {
        let fixture = try SummaryFixture(count: 4000, seed: 11)
        defer { fixture.remove() }
        let procedure = fixture.cases.procedure
        for text in ["2027-Q1", "2027-03", "2026-Q4", "2027-Q2"] {
            let period = try SummaryPeriod(parsing: text)
            let start = period.range.dates.lowerBound, end = period.range.dates.upperBound
            let engine = try fixture.engine(period)
            var expected: [String: [String: Int]] = [:]
            func count(_ table: String, _ key: String) { expected[table, default: [:]][key, default: 0] += 1 }
            for synthetic in fixture.population {
                let region = synthetic.region ?? "none", event = synthetic.event ?? "none", role = synthetic.respondentRole ?? "none"
                let gender = synthetic.gender ?? "none"
                if synthetic.createdAt >= start && synthetic.createdAt < end {
                    count("received_by_category_region", "\(synthetic.category)|\(region)")
                    count("received_by_event", event)
                    count("received_by_respondent_role", role)
                    count("received_by_channel", synthetic.channel)
                    count("received_by_category", synthetic.category)
                    count("received_by_gender_category", "\(gender)|\(synthetic.category)")
                }
                if let closing = synthetic.transitions.firstIndex(where: { $0.stage == "closed" }),
                   synthetic.transitions[closing].at >= start, synthetic.transitions[closing].at < end {
                    let outcome = synthetic.transitions[closing - 1].stage
                    count("closed_by_outcome", outcome)
                    count("closed_by_gender_outcome", "\(gender)|\(outcome)")
                }
                if let atEnd = synthetic.stage(before: end), atEnd.stage != "closed" {
                    count("open_by_category_stage", "\(synthetic.category)|\(atEnd.stage)")
                    count("open_by_gender_stage", "\(gender)|\(atEnd.stage)")
                    if let deadline = procedure.stageDeadline(stage: atEnd.stage, category: synthetic.category, enteredAt: atEnd.at), deadline < end {
                        count("overdue_by_stage", atEnd.stage)
                    }
                }
            }
            var checked = 0
            for audience in SummaryAudience.allCases {
                for table in engine.tables(for: audience) where table.shape.name != "received_by_period" {
                    var found: [String: Int] = [:]
                    for (r, row) in table.shape.rows.enumerated() {
                        for (c, column) in table.shape.columns.enumerated() where table.cells[r][c] > 0 {
                            found[table.shape.isTwoWay ? "\(row)|\(column)" : row] = table.cells[r][c]
                        }
                    }
                    #expect(found == (expected[table.shape.name] ?? [:]), "\(table.shape.name) in \(period)")
                    checked += 1
                }
            }
            #expect(checked == 13)
            #expect((expected["received_by_category_region"]?.values.reduce(0, +) ?? 0) > 200, "a real population in \(period)")
        }
    }

    @Test("the trend counts each period, and the pace is the medians of the cases")
    func theTrendCountsEachPeriodAndThePaceIsTheMediansOfTheCases() throws {
        let fixture = try SummaryFixture(count: 3000, seed: 12)
        defer { fixture.remove() }
        let period = try SummaryPeriod(parsing: "2027-Q2")
        let engine = try fixture.engine(period)
        let trend = try #require(engine.tables(for: .executive).last)
        #expect(trend.shape.rows == ["2026-Q3", "2026-Q4", "2027-Q1", "2027-Q2"])
        for (row, label) in trend.shape.rows.enumerated() {
            let quarter = try SummaryPeriod(parsing: label).range.dates
            #expect(trend.cells[row][0] == fixture.population.filter { quarter.contains($0.createdAt) }.count, "\(label)")
        }
        // Days to close, over the cases closed in the quarter: the nearest-rank median, whole days.
        let range = period.range.dates
        let closing = fixture.population.compactMap { synthetic -> Double? in
            guard let closed = synthetic.transitions.first(where: { $0.stage == "closed" }), range.contains(closed.at) else { return nil }
            return closed.at.timeIntervalSince(synthetic.createdAt) / 86_400
        }.sorted()
        let timing = engine.timing(threshold: 5)
        #expect(closing.count >= 10, "enough cases for the figure to be shown")
        #expect(timing.close.medianDays == Int(closing[(closing.count + 1) / 2 - 1].rounded()))
        #expect(timing.close.percentile90Days == Int(closing[Int((0.9 * Double(closing.count)).rounded(.up)) - 1].rounded()))
        // Acknowledged on time: the procedure's first deadline (7 days; 24 hours for safeguarding).
        var due = 0, met = 0
        for synthetic in fixture.population where range.contains(synthetic.createdAt) {
            let deadline = fixture.cases.procedure.stageDeadline(stage: "received", category: synthetic.category, enteredAt: synthetic.createdAt)!
            guard deadline <= range.upperBound else { continue }
            due += 1
            if let acknowledged = synthetic.transitions.first(where: { $0.stage == "acknowledged" }), acknowledged.at <= deadline { met += 1 }
        }
        #expect(due >= 10)
        #expect(timing.acknowledgedOnTime.percent == Int((Double(met) * 10 / Double(due)).rounded()) * 10, "to the nearest ten per cent")
        // Over fewer than twice the threshold of cases nothing is shown, and never how many.
        let few = TimingFigure(days: [1, 2, 3, 4, 5, 6, 7, 8, 9], threshold: 5)
        #expect(few.medianDays == nil)
        #expect(DeadlineShare(met: 8, of: 9, threshold: 5).percent == nil)
        #expect(DeadlineShare(met: 19, of: 20, threshold: 5).percent == 100, "95% is shown as 100%: one late case of twenty is not given away")
    }

    @Test("periods parse as the calendar has them")
    func periodsParseAsTheCalendarHasThem() throws {
        #expect(try SummaryPeriod(parsing: "2027-Q1").range == MonthRange(from: Month(year: 2027, month: 1), to: Month(year: 2027, month: 3)))
        #expect(try SummaryPeriod(parsing: "2027-q4").description == "2027-Q4")
        #expect(try SummaryPeriod(parsing: "2027").range.months == 12)
        #expect(try SummaryPeriod(parsing: "2027-03").description == "2027-03")
        #expect(try SummaryPeriod(adHocFrom: "2027-02", to: "2027-05").description == "2027-02..2027-05")
        for bad in ["2027-Q5", "2027-13", "27", "2027-3", "Q1", "", "2027-03-01"] {
            #expect(throws: (any Error).self, "\(bad)") { try SummaryPeriod(parsing: bad) }
        }
        #expect(throws: (any Error).self) { try SummaryPeriod(adHocFrom: "2027-05", to: "2027-02") }
        #expect(try SummaryPeriod(parsing: "2027-Q1").shifted(back: 1).description == "2026-Q4")
        #expect(Month(year: 2027, month: 1).start == ISO8601DateFormatter().date(from: "2027-01-01T00:00:00Z"))
    }
}
