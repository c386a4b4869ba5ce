import Foundation
import GrievanceCrypto
import PostgresNIO

/// Cases, their copies of the key, and their stages.
extension PostgresCaseRepository {
    func insertCase(_ row: CaseRow) throws {
        let s = row.summary
        try session.send("""
            INSERT INTO cases (reference, receipt_lookup, event, category, respondent_role, region, channel, language, urgent,
                               stage, stage_entered_at, created_at, reporter_gender, policy_hash)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
            """, [.text(s.reference.rawValue), .bytes(row.receiptLookup.bytes), .text(s.event), .text(s.category), .text(s.respondentRole?.rawValue),
                  .text(s.region?.rawValue), .text(s.channel.rawValue), .text(s.language), .boolean(s.urgent), .text(s.stage),
                  Self.millis(s.stageEnteredAt), Self.millis(s.createdAt), .text(s.reporterGender), .bytes(row.policyHash.bytes)])
    }

    func caseRow(reference: CaseReference) throws -> CaseRow? {
        try session.query("SELECT * FROM cases WHERE reference = $1", [.text(reference.rawValue)]).first.map(Self.caseRow)
    }

    func caseRow(receiptLookup: Digest) throws -> CaseRow? {
        try session.query("SELECT * FROM cases WHERE receipt_lookup = $1", [.bytes(receiptLookup.bytes)]).first.map(Self.caseRow)
    }

    static func caseRow(_ row: PostgresRandomAccessRow) throws -> CaseRow {
        let reference = CaseReference(stored: try row.string("reference"))
        do {
            guard let channel = IntakeChannel(rawValue: try row.string("channel")) else { throw CasesError.damaged("case \(reference)") }
            let lookup = try Digest(bytes: try row.bytes("receipt_lookup"))
            let policy = try Digest(bytes: try row.bytes("policy_hash"))
            let summary = CaseSummary(
                reference: reference, event: try row.optionalString("event"), category: try row.string("category"),
                respondentRole: try row.optionalString("respondent_role").flatMap(RespondentRole.init(rawValue:)),
                region: try row.optionalString("region").flatMap(Region.init(rawValue:)), channel: channel, language: try row.optionalString("language"),
                urgent: try row.bool("urgent"), stage: try row.string("stage"), stageEnteredAt: date(try row.int64("stage_entered_at")),
                createdAt: date(try row.int64("created_at")), reporterGender: try row.optionalString("reporter_gender"))
            return CaseRow(summary: summary, receiptLookup: lookup, policyHash: policy, keyEpoch: Int(try row.int64("key_epoch")),
                           keyIsStale: try row.bool("key_stale"), heldSince: try row.optionalInt64("held_since").map(date),
                           shreddedAt: try row.optionalInt64("shredded_at").map(date))
        } catch {
            throw CasesError.damaged("case \(reference)")
        }
    }

    /// `$first, $first+1, …` for `count` values: a list of stages given as arguments, never as
    /// text, since a procedure's ids are a person's writing.
    static func placeholders(from first: Int, count: Int) -> String {
        (first..<(first + count)).map { "$\($0)" }.joined(separator: ", ")
    }

    func openCases(terminalStages: [String]) throws -> [CaseSummary] {
        let filter = terminalStages.isEmpty ? "" : " AND stage NOT IN (\(Self.placeholders(from: 1, count: terminalStages.count)))"
        return try session.query("SELECT * FROM cases WHERE shredded_at IS NULL\(filter) ORDER BY reference", terminalStages.map { .text($0) })
            .map { try Self.caseRow($0).summary }
    }

    func setStage(reference: CaseReference, stage: String, at: Date) throws {
        try session.send("UPDATE cases SET stage = $1, stage_entered_at = $2 WHERE reference = $3",
                            [.text(stage), Self.millis(at), .text(reference.rawValue)])
    }

    func cases(sealedTo recipient: String) throws -> [(summary: CaseSummary, assigned: Bool)] {
        try session.query("""
            SELECT cases.*, case_seals.assigned AS sealed_assigned FROM case_seals JOIN cases ON cases.reference = case_seals.case_ref
            WHERE case_seals.recipient = $1 ORDER BY cases.created_at
            """, [.text(recipient)]).map { (try Self.caseRow($0).summary, try $0.bool("sealed_assigned")) }
    }

    func heldCases(outside closedStages: [String]) throws -> [HeldCase] {
        let filter = closedStages.isEmpty ? "" : "WHERE stage NOT IN (\(Self.placeholders(from: 1, count: closedStages.count)))"
        let open = "SELECT reference FROM cases \(filter)"
        let arguments = closedStages.map { PostgresArgument.text($0) }
        var holders: [String: [String: Bool]] = [:]
        for row in try session.query("SELECT case_ref, recipient, assigned FROM case_seals WHERE case_ref IN (\(open))", arguments) {
            holders[try row.string("case_ref"), default: [:]][try row.string("recipient")] = try row.bool("assigned")
        }
        var histories: [String: [StageEntry]] = [:]
        for row in try session.query(
            "SELECT case_ref, stage, entered_at FROM case_transitions WHERE case_ref IN (\(open)) ORDER BY case_ref, seq", arguments) {
            histories[try row.string("case_ref"), default: []].append(
                StageEntry(stage: try row.string("stage"), enteredAt: Self.date(try row.int64("entered_at"))))
        }
        return try session.query("SELECT * FROM cases \(filter) ORDER BY created_at, reference", arguments).map { row in
            let summary = try Self.caseRow(row).summary
            return HeldCase(summary: summary, holders: holders[summary.reference.rawValue] ?? [:], history: histories[summary.reference.rawValue] ?? [])
        }
    }

    func insertSeal(reference: CaseReference, recipient: String, sealed: [UInt8], assigned: Bool, tag: [UInt8]?) throws {
        try session.send("INSERT INTO case_seals (case_ref, recipient, sealed, assigned, tag) VALUES ($1, $2, $3, $4, $5)",
                            [.text(reference.rawValue), .text(recipient), .bytes(sealed), .boolean(assigned), .bytes(tag)])
    }

    func insertSeals(reference: CaseReference, _ seals: [(recipient: String, sealed: [UInt8], tag: [UInt8]?)]) throws {
        guard !seals.isEmpty else { return }
        let rows = seals.indices.map { "($1, $\(3 * $0 + 2), $\(3 * $0 + 3), false, $\(3 * $0 + 4))" }.joined(separator: ", ")
        try session.send("INSERT INTO case_seals (case_ref, recipient, sealed, assigned, tag) VALUES \(rows)",
                         [.text(reference.rawValue)] + seals.flatMap { [PostgresArgument.text($0.recipient), .bytes($0.sealed), .bytes($0.tag)] })
    }

    func seal(reference: CaseReference, recipient: String) throws -> (sealed: [UInt8], assigned: Bool, tag: [UInt8]?)? {
        try session.query("SELECT sealed, assigned, tag FROM case_seals WHERE case_ref = $1 AND recipient = $2",
                          [.text(reference.rawValue), .text(recipient)])
            .first.map { (try $0.bytes("sealed"), try $0.bool("assigned"), try $0.optionalBytes("tag")) }
    }

    func deleteSeal(reference: CaseReference, recipient: String) throws {
        try session.send("DELETE FROM case_seals WHERE case_ref = $1 AND recipient = $2", [.text(reference.rawValue), .text(recipient)])
    }

    func sealRecipients(reference: CaseReference) throws -> [(recipient: String, assigned: Bool)] {
        try session.query("SELECT recipient, assigned FROM case_seals WHERE case_ref = $1 ORDER BY recipient", [.text(reference.rawValue)])
            .map { (try $0.string("recipient"), try $0.bool("assigned")) }
    }

    func seals(recipient: String) throws -> [(reference: CaseReference, sealed: [UInt8])] {
        try session.query("SELECT case_ref, sealed FROM case_seals WHERE recipient = $1 ORDER BY case_ref", [.text(recipient)])
            .map { (CaseReference(stored: try $0.string("case_ref")), try $0.bytes("sealed")) }
    }

    func replaceSeal(reference: CaseReference, recipient: String, sealed: [UInt8]) throws {
        try session.send("UPDATE case_seals SET sealed = $1 WHERE case_ref = $2 AND recipient = $3",
                            [.bytes(sealed), .text(reference.rawValue), .text(recipient)])
    }
}
