import Foundation
import GrievanceCrypto
import PostgresNIO

/// What summaries read: clear metadata and stage dates, and the release ledger.
extension PostgresCaseRepository {
    func statisticalCases(_ query: StatisticalQuery) throws -> [StatisticalCase] {
        var arguments: [PostgresArgument] = [Self.millis(query.start), Self.millis(query.end)]
        func list(_ stages: [String]) -> String {
            guard !stages.isEmpty else { return "NULL" }
            let first = arguments.count + 1
            arguments += stages.map { .text($0) }
            return Self.placeholders(from: first, count: stages.count)
        }
        let terminal = list(query.terminalStages)
        let feedback = list(query.feedbackStages)
        let open = list(query.openStages)
        // As SQLiteCaseRepository's: each milestone from the case's own transitions, only when
        // the period needs it.
        let columns = """
            c.category, c.event, c.region, c.respondent_role, c.channel, c.reporter_gender, c.created_at,
            CASE WHEN c.created_at >= $1 THEN
                (SELECT entered_at FROM case_transitions t WHERE t.case_ref = c.reference AND t.seq = 2) END AS acknowledged_at,
            CASE WHEN c.created_at >= $1 THEN
                (SELECT min(entered_at) FROM case_transitions t
                 WHERE t.case_ref = c.reference AND t.seq > 1 AND t.stage IN (\(feedback))) END AS feedback_at,
            CASE WHEN c.stage IN (\(terminal)) THEN c.stage_entered_at END AS closed_at,
            CASE WHEN c.stage IN (\(terminal)) AND c.stage_entered_at < $2 THEN
                (SELECT stage FROM case_transitions t WHERE t.case_ref = c.reference ORDER BY t.seq DESC LIMIT 1 OFFSET 1) END AS closed_from,
            c.stage, c.stage_entered_at,
            CASE WHEN c.stage_entered_at >= $2 THEN
                (SELECT stage FROM case_transitions t WHERE t.case_ref = c.reference AND t.entered_at < $2
                 ORDER BY t.seq DESC LIMIT 1) END AS stage_then,
            CASE WHEN c.stage_entered_at >= $2 THEN
                (SELECT entered_at FROM case_transitions t WHERE t.case_ref = c.reference AND t.entered_at < $2
                 ORDER BY t.seq DESC LIMIT 1) END AS entered_then
            """
        let sql = """
            SELECT \(columns) FROM cases c WHERE c.stage IN (\(open)) AND c.created_at < $2
            UNION ALL
            SELECT \(columns) FROM cases c WHERE c.stage IN (\(terminal)) AND c.stage_entered_at >= $1 AND c.created_at < $2
            """
        return try session.query(sql, arguments).map { row in
            func date(_ column: Int) throws -> Date? { try row.optionalInt64(at: column).map(Self.date) }
            let closed = try date(9)
            // A case closed after the period's end was open at its end, in the stage it was in then.
            var stageAtEnd: String?, enteredAtEnd: Date?
            if closed.map({ $0 >= query.end }) ?? true {
                if let then = try row.optionalString(at: 13), let entered = try date(14) {
                    (stageAtEnd, enteredAtEnd) = (then, entered)
                } else if try date(12).map({ $0 < query.end }) ?? false {
                    (stageAtEnd, enteredAtEnd) = (try row.string(at: 11), try date(12))
                }
            }
            return StatisticalCase(
                category: try row.string(at: 0), event: try row.optionalString(at: 1), region: try row.optionalString(at: 2),
                respondentRole: try row.optionalString(at: 3), channel: try row.string(at: 4), gender: try row.optionalString(at: 5),
                createdAt: Self.date(try row.int64(at: 6)), acknowledgedAt: try date(7), feedbackAt: try date(8), closedAt: closed,
                closedFrom: try row.optionalString(at: 10), stageAtEnd: stageAtEnd, stageEnteredAtEnd: enteredAtEnd)
        }
    }

    func receivedCounts(in ranges: [Range<Date>]) throws -> [Int] {
        try ranges.map { range in
            try session.query("SELECT count(*) AS n FROM cases WHERE created_at >= $1 AND created_at < $2",
                              [Self.millis(range.lowerBound), Self.millis(range.upperBound)]).first.map { Int(try $0.int64("n")) } ?? 0
        }
    }

    func summaryReleases() throws -> [StoredRelease] {
        try session.query("SELECT released_at, period, audience, document, hash, withheld_zeros FROM summary_releases ORDER BY id").map { row in
            guard let hash = try? Digest(bytes: try row.bytes("hash")) else { throw CasesError.damaged("the release ledger") }
            return StoredRelease(releasedAt: Self.date(try row.int64("released_at")), period: try row.string("period"),
                                 audience: try row.string("audience"), document: try row.bytes("document"), hash: hash,
                                 withheldZeros: try row.bytes("withheld_zeros"))
        }
    }

    func insertSummaryRelease(_ release: StoredRelease) throws {
        try session.send("""
            INSERT INTO summary_releases (released_at, period, audience, document, hash, withheld_zeros) VALUES ($1, $2, $3, $4, $5, $6)
            """, [Self.millis(release.releasedAt), .text(release.period), .text(release.audience), .bytes(release.document),
                  .bytes(release.hash.bytes), .bytes(release.withheldZeros)])
    }
}
