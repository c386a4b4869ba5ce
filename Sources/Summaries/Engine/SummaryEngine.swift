import Cases
import Foundation

/// Counts a period's cases into each audience's tables, and measures the procedure's pace. It
/// sees only `StatisticalCase`s — clear metadata — and gives true counts, which disclosure
/// control then decides how to publish.
struct SummaryEngine {
    let procedure: Procedure
    let period: SummaryPeriod
    /// Every event in the register, in its order.
    let events: [String]
    let cases: [StatisticalCase]
    /// Cases received in each period of the trend, oldest first.
    let trend: [(period: SummaryPeriod, received: Int)]

    private var start: Date { period.range.dates.lowerBound }
    private var end: Date { period.range.dates.upperBound }

    /// How many periods of the same kind a trend shows, this one last.
    static func trendLength(of kind: SummaryPeriod.Kind) -> Int {
        switch kind {
        case .month: 6
        case .quarter: 4
        case .year: 3
        case .adHoc: 4
        }
    }

    func tables(for audience: SummaryAudience) -> [CountTable] {
        let during = TableSpan.during(period.range), atEnd = TableSpan.atEndOf(period.range.to)
        var tables: [CountTable]
        switch audience {
        case .executive:
            tables = [
                table("received_by_category_region", .received, [.category, .region], during),
                table("received_by_event", .received, [.event], during),
                table("received_by_respondent_role", .received, [.respondentRole], during),
                table("received_by_channel", .received, [.channel], during),
                table("closed_by_outcome", .closed, [.outcome], during),
                table("open_by_category_stage", .open, [.category, .stage], atEnd),
            ]
        case .officers:
            tables = [
                table("received_by_category", .received, [.category], during),
                table("closed_by_outcome", .closed, [.outcome], during),
                table("open_by_category_stage", .open, [.category, .stage], atEnd),
                table("overdue_by_stage", .overdue, [.stage], atEnd),
            ]
        case .gender:
            tables = [
                table("received_by_gender_category", .received, [.gender, .category], during),
                table("closed_by_gender_outcome", .closed, [.gender, .outcome], during),
                table("open_by_gender_stage", .open, [.gender, .stage], atEnd),
            ]
        }
        tables.append(trendTable())
        return tables
    }

    // MARK: - Counting

    private func table(_ name: String, _ population: Population, _ dimensions: [Dimension], _ span: TableSpan) -> CountTable {
        let counted = cases.filter { belongs($0, to: population) }
        let rows = labels(dimensions[0], among: counted)
        let columns = dimensions.count == 2 ? labels(dimensions[1], among: counted) : [TableShape.casesColumn]
        let rowIndex = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($1, $0) })
        let columnIndex = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })
        var cells = Array(repeating: Array(repeating: 0, count: columns.count), count: rows.count)
        for statistical in counted {
            let row = rowIndex[value(dimensions[0], of: statistical)]!
            let column = dimensions.count == 2 ? columnIndex[value(dimensions[1], of: statistical)]! : 0
            cells[row][column] += 1
        }
        let shape = TableShape(name: name, population: population, dimensions: dimensions, span: span, rowPeriods: nil, rows: rows, columns: columns)
        return CountTable(shape: shape, cells: cells)
    }

    private func trendTable() -> CountTable {
        let first = trend.first?.period.range.from ?? period.range.from
        let shape = TableShape(name: "received_by_period", population: .received, dimensions: [], span: .during(MonthRange(from: first, to: period.range.to)),
                               rowPeriods: trend.map(\.period.range), rows: trend.map(\.period.description), columns: [TableShape.casesColumn])
        return CountTable(shape: shape, cells: trend.map { [$0.received] })
    }

    private func belongs(_ statistical: StatisticalCase, to population: Population) -> Bool {
        switch population {
        case .received: return statistical.createdAt >= start && statistical.createdAt < end
        case .closed: return statistical.closedAt.map { $0 >= start && $0 < end } ?? false
        case .open: return statistical.stageAtEnd != nil
        case .overdue:
            guard let stage = statistical.stageAtEnd, let entered = statistical.stageEnteredAtEnd,
                  let deadline = procedure.stageDeadline(stage: stage, category: statistical.category, enteredAt: entered)
            else { return false }
            return deadline < end
        }
    }

    private func value(_ dimension: Dimension, of statistical: StatisticalCase) -> String {
        switch dimension {
        case .category: statistical.category
        case .region: statistical.region ?? Dimension.none
        case .event: statistical.event ?? Dimension.none
        case .respondentRole: statistical.respondentRole ?? Dimension.none
        case .channel: statistical.channel
        case .gender: statistical.gender ?? Dimension.none
        case .stage: statistical.stageAtEnd ?? Dimension.none
        case .outcome: statistical.closedFrom ?? Dimension.none
        }
    }

    /// Every label a dimension can take, in a fixed order (so tables of different periods line
    /// up), then any the cases hold that the lists do not.
    private func labels(_ dimension: Dimension, among counted: [StatisticalCase]) -> [String] {
        let fixed: [String] = switch dimension {
        case .category: procedure.categories.map(\.id)
        case .region: Region.allCases.map(\.rawValue) + [Dimension.none]
        case .event: events + [Dimension.none]
        case .respondentRole: RespondentRole.allCases.map(\.rawValue) + [Dimension.none]
        case .channel: IntakeChannel.allCases.map(\.rawValue)
        case .gender: ReporterGender.allCases.map(\.rawValue) + [Dimension.none]
        case .stage: procedure.stages.filter { !$0.isTerminal }.map(\.id)
        case .outcome: procedure.stages.map(\.id).filter { stage in
                procedure.transitions(from: stage).contains { procedure.stage($0.to)?.isTerminal == true }
            }
        }
        var all = fixed
        for statistical in counted {
            let label = value(dimension, of: statistical)
            if !all.contains(label) { all.append(label) }
        }
        return all
    }

    // MARK: - Pace

    func timing(threshold: Int) -> TimingFigures {
        let received = cases.filter { belongs($0, to: .received) }
        let day = 86_400.0
        let acknowledged = received.compactMap { statistical in
            statistical.acknowledgedAt.flatMap { $0 < end ? $0.timeIntervalSince(statistical.createdAt) / day : nil }
        }
        let closed = cases.filter { belongs($0, to: .closed) }.compactMap { statistical in
            statistical.closedAt.map { $0.timeIntervalSince(statistical.createdAt) / day }
        }
        var due = 0, met = 0
        for statistical in received {
            guard let deadline = procedure.stageDeadline(stage: procedure.initialStage.id, category: statistical.category, enteredAt: statistical.createdAt),
                  deadline <= end
            else { continue }
            due += 1
            if let acknowledgedAt = statistical.acknowledgedAt, acknowledgedAt <= deadline { met += 1 }
        }
        var feedback: DeadlineShare?
        if let rule = procedure.feedback {
            var due = 0, met = 0
            for statistical in received {
                // Never acknowledged: the deadline ran from the report at the latest, and was missed.
                let deadline = rule.within.after(statistical.acknowledgedAt ?? statistical.createdAt)
                guard deadline <= end else { continue }
                due += 1
                if let given = statistical.feedbackAt, given <= deadline { met += 1 }
            }
            feedback = DeadlineShare(met: met, of: due, threshold: threshold)
        }
        return TimingFigures(acknowledge: TimingFigure(days: acknowledged, threshold: threshold), close: TimingFigure(days: closed, threshold: threshold),
                             acknowledgedOnTime: DeadlineShare(met: met, of: due, threshold: threshold), feedbackOnTime: feedback)
    }
}
