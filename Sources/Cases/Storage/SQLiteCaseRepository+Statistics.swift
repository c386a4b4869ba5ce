import Foundation
import GRDB
import GrievanceCrypto

/// What summaries read: clear metadata and stage dates, and the release ledger.
extension SQLiteCaseRepository {
    func statisticalCases(_ query: StatisticalQuery) throws -> [StatisticalCase] {
        var arguments: [String: (any DatabaseValueConvertible)?] = ["start": Self.millis(query.start), "end": Self.millis(query.end)]
        func list(_ stages: [String], _ prefix: String) -> String {
            guard !stages.isEmpty else { return "NULL" }
            return stages.enumerated().map { index, stage in
                arguments["\(prefix)\(index)"] = stage
                return ":\(prefix)\(index)"
            }.joined(separator: ", ")
        }
        let terminal = list(query.terminalStages, "t")
        let feedback = list(query.feedbackStages, "f")
        let open = list(query.openStages, "o")
        // Each milestone comes from the case's own transitions (a primary-key range), and only
        // when the period needs it; each arm uses cases_by_stage, so a period long after most
        // cases closed does not read them.
        let columns = """
            c.category, c.event, c.region, c.respondent_role, c.channel, c.reporter_gender, c.created_at,
            CASE WHEN c.created_at >= :start THEN
                (SELECT entered_at FROM case_transitions t WHERE t.case_ref = c.reference AND t.seq = 2) END AS acknowledged_at,
            CASE WHEN c.created_at >= :start THEN
                (SELECT min(entered_at) FROM case_transitions t
                 WHERE t.case_ref = c.reference AND t.seq > 1 AND t.stage IN (\(feedback))) END AS feedback_at,
            CASE WHEN c.stage IN (\(terminal)) THEN c.stage_entered_at END AS closed_at,
            CASE WHEN c.stage IN (\(terminal)) AND c.stage_entered_at < :end THEN
                (SELECT stage FROM case_transitions t WHERE t.case_ref = c.reference ORDER BY t.seq DESC LIMIT 1 OFFSET 1) END AS closed_from,
            c.stage, c.stage_entered_at,
            CASE WHEN c.stage_entered_at >= :end THEN
                (SELECT stage || char(31) || entered_at FROM case_transitions t WHERE t.case_ref = c.reference AND t.entered_at < :end
                 ORDER BY t.seq DESC LIMIT 1) END AS at_end
            """
        // The unary plus keeps SQLite from choosing cases_by_created, which would read every case
        // received before the end rather than those in the stages asked for.
        let sql = """
            SELECT \(columns) FROM cases c WHERE c.stage IN (\(open)) AND +c.created_at < :end
            UNION ALL
            SELECT \(columns) FROM cases c WHERE c.stage IN (\(terminal)) AND c.stage_entered_at >= :start AND +c.created_at < :end
            """
        var found: [StatisticalCase] = []
        let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(arguments))
        while let row = try rows.next() {
            func date(_ column: Int) -> Date? { (row[column] as Int64?).map(Self.date) }
            let closed = date(9)
            // A case closed after the period's end was open at its end, in the stage it was in then:
            // its current one if it entered it before the end, or else the one its transitions say.
            var stageAtEnd: String?, enteredAtEnd: Date?
            if closed.map({ $0 >= query.end }) ?? true {
                if let then = row[13] as String? {
                    let parts = then.split(separator: "\u{1F}", maxSplits: 1)
                    if parts.count == 2, let millis = Int64(parts[1]) { (stageAtEnd, enteredAtEnd) = (String(parts[0]), Self.date(millis)) }
                } else if date(12).map({ $0 < query.end }) ?? false {
                    (stageAtEnd, enteredAtEnd) = (row[11], date(12))
                }
            }
            found.append(StatisticalCase(
                category: row[0], event: row[1], region: row[2], respondentRole: row[3], channel: row[4], gender: row[5],
                createdAt: Self.date(row[6]), acknowledgedAt: date(7), feedbackAt: date(8), closedAt: closed, closedFrom: row[10],
                stageAtEnd: stageAtEnd, stageEnteredAtEnd: enteredAtEnd))
        }
        return found
    }

    func receivedCounts(in ranges: [Range<Date>]) throws -> [Int] {
        let statement = try db.cachedStatement(sql: "SELECT count(*) FROM cases WHERE created_at >= ? AND created_at < ?")
        return try ranges.map { range in
            try Int.fetchOne(statement, arguments: [Self.millis(range.lowerBound), Self.millis(range.upperBound)]) ?? 0
        }
    }

    func summaryReleases() throws -> [StoredRelease] {
        try Row.fetchAll(db, sql: "SELECT released_at, period, audience, document, hash, withheld_zeros FROM summary_releases ORDER BY id").map { row in
            guard let hash = try? Digest(bytes: row["hash"] as Data) else { throw CasesError.damaged("the release ledger") }
            return StoredRelease(releasedAt: Self.date(row["released_at"]), period: row["period"], audience: row["audience"],
                                 document: [UInt8](row["document"] as Data), hash: hash, withheldZeros: [UInt8](row["withheld_zeros"] as Data))
        }
    }

    func insertSummaryRelease(_ release: StoredRelease) throws {
        try db.execute(sql: "INSERT INTO summary_releases (released_at, period, audience, document, hash, withheld_zeros) VALUES (?, ?, ?, ?, ?, ?)",
                       arguments: [Self.millis(release.releasedAt), release.period, release.audience, Data(release.document), Data(release.hash.bytes),
                                   Data(release.withheldZeros)])
    }
}
