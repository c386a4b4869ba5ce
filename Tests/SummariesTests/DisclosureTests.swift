import Cases
import CasesTesting
import Foundation
import Testing
@testable import Summaries

/// Disclosure control attacked from inside: small tables with known rare counts, released one
/// after another over overlapping periods, then every withheld value's bounds worked out over
/// all of them by linear programming. The independent attacker (scripts/proofs/summaries.py,
/// scipy) does the same from the JSON alone.
@Suite("Disclosure control, attacked from inside by linear programming")
struct DisclosureTests {
    private static let q1 = MonthRange(from: Month(year: 2027, month: 1), to: Month(year: 2027, month: 3))
    private static let janFeb = MonthRange(from: Month(year: 2027, month: 1), to: Month(year: 2027, month: 2))

    private func table(_ rows: [String], _ counts: [Int], span: MonthRange) -> CountTable {
        CountTable(shape: TableShape(name: "received_by_category", population: .received, dimensions: [.category], span: .during(span), rowPeriods: nil,
                                     rows: rows, columns: [TableShape.casesColumn]), cells: counts.map { [$0] })
    }

    private func twoWay(_ cells: [[Int]], span: MonthRange = q1) -> CountTable {
        CountTable(shape: TableShape(name: "received_by_category_region", population: .received, dimensions: [.category, .region],
                                     span: .during(span), rowPeriods: nil, rows: (0..<cells.count).map { "c\($0)" },
                                     columns: (0..<cells[0].count).map { "r\($0)" }), cells: cells)
    }

    /// Every withheld value over all the tables, with the attacker's least and greatest.
    private func narrowed(_ tables: [ReleasedTable]) throws -> [String] {
        let model = try #require(AttackerModel(tables: tables))
        let program = LinearProgram(variables: model.variableCount, constraints: model.allConstraints)
        var found: [String] = []
        for table in tables {
            for (value, term) in table.table.terms()! where value.isWithheld {
                let range = try program.range(of: model.variables(of: term))
                if !DisclosureControl.allowsTwoValues(range) { found.append("\(table.table.name) \(term.assignment) → \(range)") }
            }
        }
        // And no count that subtraction gives is pinned under the threshold.
        for (variables, term) in model.impliedCounts() {
            let range = try program.range(of: variables)
            let values = DisclosureControl.wholeNumbers(in: range)
            if values.count == 1, (1..<5).contains(values.lowest) { found.append("implied \(term) → \(range)") }
        }
        return found
    }

    @Test("a count under the threshold is withheld, and so is a partner that hides it")
    func aCountUnderTheThresholdIsWithheldAndSoIsAPartnerThatHidesIt() throws {
        let published = try DisclosureControl(threshold: 5, earlier: []).publish([table(["a", "b", "c"], [2, 40, 17], span: Self.q1)])[0].table
        #expect(published.cells[0][0] == .withheld("<5"))
        // With the total published, one withheld value alone would be the total less the others.
        #expect(published.cells[2][0] == .withheld("<5"), "the smallest other count hides it")
        #expect(published.cells[1][0] == .count(40))
        #expect(published.total == .count(59))
        #expect(published.rowTotals == published.cells.map { $0[0] }, "a one-way table's row totals are its cells")
        #expect(try narrowed([ReleasedTable(table: published, withheldZeros: [])]) == [])
    }

    @Test("zeros are shown, and a table with nothing small withholds nothing")
    func zerosAreShownAndATableWithNothingSmallWithholdsNothing() throws {
        let published = try DisclosureControl(threshold: 5, earlier: []).publish([table(["a", "b", "c"], [0, 40, 17], span: Self.q1)])[0].table
        #expect(published.cells.map { $0[0] } == [.count(0), .count(40), .count(17)])
    }

    @Test("a two-way table hides each small cell in a rectangle, and no cell can be solved")
    func aTwoWayTableHidesEachSmallCellInARectangleAndNoCellCanBeSolved() throws {
        let cells = [[12, 3, 20], [9, 14, 11], [1, 30, 8], [0, 0, 6]]
        let published = try DisclosureControl(threshold: 5, earlier: []).publish([twoWay(cells)])[0].table
        #expect(published.cells[0][1] == .withheld("<5"))
        #expect(published.cells[2][0] == .withheld("<5"))
        #expect(published.cells[3][0] == .count(0))
        let withheld = published.cells.flatMap { $0 }.filter(\.isWithheld).count
        #expect(withheld >= 4, "each small cell needs three partners, shared where the greedy choice can")
        #expect(published.total == .count(114), "the total is not needed to hide anything here")
        #expect(try narrowed([ReleasedTable(table: published, withheldZeros: [])]) == [])
    }

    @Test("a single small count alone in its row and column withholds totals as a last resort")
    func aSingleSmallCountAloneInItsRowAndColumnWithholdsTotalsAsALastResort() throws {
        // Row 0 and column 0 hold nothing else: only the totals can hide the 2.
        let cells = [[2, 0], [0, 50]]
        let published = try DisclosureControl(threshold: 5, earlier: []).publish([twoWay(cells)])[0].table
        #expect(published.cells[0][0] == .withheld("<5"))
        #expect(published.rowTotals[0].isWithheld && published.columnTotals[0].isWithheld && published.total.isWithheld)
        #expect(try narrowed([ReleasedTable(table: published, withheldZeros: [])]) == [])
    }

    @Test("a quarter beside the months released before cannot be differenced")
    func aQuarterBesideTheMonthsReleasedBeforeCannotBeDifferenced() throws {
        // January–February: 10 reports of a rare category. March adds 2. Releasing the quarter
        // with 12 would give March's 2 away by subtraction.
        let first = try DisclosureControl(threshold: 5, earlier: []).publish([table(["rare", "common"], [10, 80], span: Self.janFeb)])
        #expect(first[0].table.cells[0][0] == .count(10))
        let quarter = try DisclosureControl(threshold: 5, earlier: first).publish([table(["rare", "common"], [12, 95], span: Self.q1)])
        #expect(quarter[0].table.cells[0][0].isWithheld || quarter[0].table.cells[1][0].isWithheld || quarter[0].table.total.isWithheld,
                "something of the quarter is withheld")
        #expect(try narrowed(first + quarter) == [])
        // And then March alone, beside both.
        let march = try DisclosureControl(threshold: 5, earlier: first + quarter)
            .publish([table(["rare", "common"], [2, 15], span: MonthRange(from: Month(year: 2027, month: 3), to: Month(year: 2027, month: 3)))])
        #expect(march[0].table.cells[0][0].isWithheld)
        #expect(try narrowed(first + quarter + march) == [])
    }

    @Test("a filtered margin beside an unfiltered one is audited as one")
    func aFilteredMarginBesideAnUnfilteredOneIsAuditedAsOne() throws {
        // The same quarter's categories, once by region and once alone: the one-way table must
        // withhold what the two-way one withheld in its margin.
        let cells = [[1, 1], [30, 40]]
        let both = try DisclosureControl(threshold: 5, earlier: []).publish([twoWay(cells), table(["c0", "c1"], [2, 70], span: Self.q1)])
        #expect(try narrowed(both) == [])
        #expect(both[1].table.cells[0][0].isWithheld)
    }

    @Test("a value pinned through a chain of published values is repaired, not refused")
    func aValuePinnedThroughAChainOfPublishedValuesIsRepairedNotRefused() throws {
        // February by category: a 1 and a 1, all withheld. Then January–February's trend:
        // February's 2 withheld with January's 21 as its partner, the total 23 out. Then January
        // alone by category, 21: it fixes January's trend value, the total fixes February's, and
        // that pins a and b. The audit meets a first, whose bounds are set by the rule that the
        // two families agree, not by any published value, and January shares no case with
        // February: it once found nothing to withhold and refused this and every later release
        // (scripts/proofs/summaries.py, seeds 2034025738 and 367926806). It must withhold among
        // the values behind that rule.
        let jan = MonthRange(from: Month(year: 2027, month: 1), to: Month(year: 2027, month: 1))
        let feb = MonthRange(from: Month(year: 2027, month: 2), to: Month(year: 2027, month: 2))
        let february = try DisclosureControl(threshold: 5, earlier: []).publish([table(["a", "b"], [1, 1], span: feb)])
        #expect(february[0].table.cells.allSatisfy { $0[0].isWithheld } && february[0].table.total.isWithheld)
        let trend = CountTable(shape: TableShape(name: "received_by_period", population: .received, dimensions: [], span: .during(Self.janFeb),
                                                 rowPeriods: [jan, feb], rows: ["2027-01", "2027-02"], columns: [TableShape.casesColumn]),
                               cells: [[21], [2]])
        let both = try DisclosureControl(threshold: 5, earlier: february).publish([trend])
        #expect(both[0].table.cells.map { $0[0] } == [.withheld("<5"), .withheld("<5")])
        #expect(both[0].table.total == .count(23))
        #expect(try narrowed(february + both) == [])
        let january = try DisclosureControl(threshold: 5, earlier: february + both).publish([table(["c"], [21], span: jan)])
        #expect(january[0].table.cells[0][0].isWithheld, "January's count would give February's away")
        #expect(try narrowed(february + both + january) == [])
    }

    @Test("where knowing withheld values are positive would pin them, the release credits nothing and says so")
    func whereKnowingWithheldValuesArePositiveWouldPinThemTheReleaseCreditsNothingAndSaysSo() throws {
        // The quarter's c0 total, 5, is already out; its five groups then hold one case each, all
        // withheld. An attacker told that withheld values are at least one would pin every one.
        let first = try DisclosureControl(threshold: 5, earlier: []).publish([table(["c0", "c1"], [5, 60], span: Self.q1)])
        #expect(first[0].table.cells[0][0] == .count(5))
        let cells = [[1, 1, 1, 1, 1], [12, 9, 15, 14, 10]]
        let second = try DisclosureControl(threshold: 5, earlier: first).publish([twoWay(cells)])
        let withheld = Set(second[0].table.cells.enumerated().flatMap { row, values in
            values.enumerated().compactMap { column, value in value.isWithheld ? GridPoint(row: row, column: column) : nil }
        })
        #expect(withheld.isSuperset(of: (0..<5).map { GridPoint(row: 0, column: $0) }))
        #expect(second[0].withheldZeros.isSuperset(of: withheld), "the ledger notes that none is credited as positive")
        #expect(try narrowed(first + second) == [])
    }

    @Test("random rare populations over overlapping releases are never narrowed to one value")
    func randomRarePopulationsOverOverlappingReleasesAreNeverNarrowedToOneValue() throws {
        for round in 0..<40 {
            var random = SeededRandom(seed: UInt64(round))
            var earlier: [ReleasedTable] = []
            let spans = [Self.janFeb, Self.q1, MonthRange(from: Month(year: 2027, month: 2), to: Month(year: 2027, month: 4)),
                         MonthRange(from: Month(year: 2027, month: 1), to: Month(year: 2027, month: 6))]
            // Counts per month, so that overlapping releases agree as real ones do.
            let monthly = (1...6).map { _ in (0..<4).map { _ in (0..<3).map { _ in [0, 0, 1, 2, 3, 5, 8].randomElement(using: &random)! } } }
            for span in spans {
                let months = monthly[(span.from.month - 1)...(span.to.month - 1)]
                let cells = (0..<4).map { row in (0..<3).map { column in months.reduce(0) { $0 + $1[row][column] } } }
                let margins = cells.map { $0.reduce(0, +) }
                do {
                    earlier += try DisclosureControl(threshold: 5, earlier: earlier)
                        .publish([twoWay(cells, span: span), table((0..<4).map { "c\($0)" }, margins, span: span)])
                } catch {
                    Issue.record("round \(round), \(span): \(error); monthly \(monthly); released \(earlier.map { ($0.table.from!, $0.table.to!, $0.table.cells, $0.table.total) })")
                    throw error
                }
            }
            #expect(try narrowed(earlier) == [], "round \(round)")
        }
    }
}
