import Foundation
import GrievanceCrypto
import PostgresNIO

/// Holds and crypto-shredding.
extension PostgresCaseRepository {
    func retentionCandidates(terminalStages: [String], reference: CaseReference?) throws -> [RetentionCandidate] {
        guard !terminalStages.isEmpty else { return [] }
        let one = reference.map { _ in " AND c.reference = $\(terminalStages.count + 1)" } ?? ""
        return try session.query("""
            SELECT c.reference, c.category, c.stage_entered_at, c.held_since,
                   (SELECT max(r.created_at) FROM case_records r WHERE r.case_ref = c.reference) AS last_record,
                   (SELECT t.stage FROM case_transitions t WHERE t.case_ref = c.reference ORDER BY t.seq DESC LIMIT 1 OFFSET 1) AS closed_from
            FROM cases c
            WHERE c.stage IN (\(Self.placeholders(from: 1, count: terminalStages.count))) AND c.shredded_at IS NULL\(one)
            ORDER BY c.stage_entered_at, c.reference
            """, terminalStages.map { .text($0) } + (reference.map { [.text($0.rawValue)] } ?? [])).map { row in
            let closed = Self.date(try row.int64("stage_entered_at"))
            return RetentionCandidate(
                reference: CaseReference(stored: try row.string("reference")), category: try row.string("category"), closedAt: closed,
                closedFrom: try row.optionalString("closed_from"),
                lastActivity: max(closed, try row.optionalInt64("last_record").map(Self.date) ?? closed),
                heldSince: try row.optionalInt64("held_since").map(Self.date))
        }
    }

    func setHold(reference: CaseReference, since: Date?) throws {
        try session.send("UPDATE cases SET held_since = $1 WHERE reference = $2",
                            [since.map(Self.millis) ?? .int64(nil), .text(reference.rawValue)])
    }

    func shred(reference: CaseReference, at: Date, lookup: Digest) throws {
        // The rows' old versions stay in the tables' files until they are rewritten:
        // PostgresCaseStorage.removeDeletedCopies, which retention runs after shredding.
        for table in ["case_attachment_chunks", "case_attachments", "case_records", "case_keys", "case_seals"] {
            try session.send("DELETE FROM \(table) WHERE case_ref = $1", [.text(reference.rawValue)])
        }
        try session.send("UPDATE cases SET shredded_at = $1, receipt_lookup = $2, held_since = NULL, key_stale = false WHERE reference = $3",
                            [Self.millis(at), .bytes(lookup.bytes), .text(reference.rawValue)])
    }
}
