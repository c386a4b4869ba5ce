import Foundation
import GRDB
import GrievanceCrypto

/// Holds and crypto-shredding.
extension SQLiteCaseRepository {
    func retentionCandidates(terminalStages: [String], reference: CaseReference?) throws -> [RetentionCandidate] {
        guard !terminalStages.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: terminalStages.count).joined(separator: ", ")
        return try Row.fetchAll(db, sql: """
            SELECT c.reference, c.category, c.stage_entered_at, c.held_since,
                   (SELECT max(r.created_at) FROM case_records r WHERE r.case_ref = c.reference) AS last_record,
                   (SELECT t.stage FROM case_transitions t WHERE t.case_ref = c.reference ORDER BY t.seq DESC LIMIT 1 OFFSET 1) AS closed_from
            FROM cases c
            WHERE c.stage IN (\(marks)) AND c.shredded_at IS NULL\(reference == nil ? "" : " AND c.reference = ?")
            ORDER BY c.stage_entered_at, c.reference
            """, arguments: StatementArguments(terminalStages + (reference.map { [$0.rawValue] } ?? []))).map { row in
            let closed = Self.date(row["stage_entered_at"])
            return RetentionCandidate(
                reference: CaseReference(stored: row["reference"]), category: row["category"], closedAt: closed, closedFrom: row["closed_from"],
                lastActivity: max(closed, (row["last_record"] as Int64?).map(Self.date) ?? closed), heldSince: (row["held_since"] as Int64?).map(Self.date))
        }
    }

    func setHold(reference: CaseReference, since: Date?) throws {
        try db.execute(sql: "UPDATE cases SET held_since = ? WHERE reference = ?", arguments: [since.map(Self.millis), reference.rawValue])
    }

    func shred(reference: CaseReference, at: Date, lookup: Digest) throws {
        // secure_delete (DurableDatabase) overwrites the freed bytes in the file itself.
        for table in ["case_attachment_chunks", "case_attachments", "case_records", "case_keys", "case_seals"] {
            try db.execute(sql: "DELETE FROM \(table) WHERE case_ref = ?", arguments: [reference.rawValue])
        }
        try db.execute(sql: "UPDATE cases SET shredded_at = ?, receipt_lookup = ?, held_since = NULL, key_stale = 0 WHERE reference = ?",
                       arguments: [Self.millis(at), Data(lookup.bytes), reference.rawValue])
    }
}
