import Foundation
import GRDB
import GrievanceCrypto

/// Cases, their copies of the key, and their stages.
extension SQLiteCaseRepository {
    func insertCase(_ row: CaseRow) throws {
        let s = row.summary
        try db.execute(sql: """
            INSERT INTO cases (reference, receipt_lookup, event, category, respondent_role, region, channel, language, urgent,
                               stage, stage_entered_at, created_at, reporter_gender, policy_hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [s.reference.rawValue, Data(row.receiptLookup.bytes), s.event, s.category, s.respondentRole?.rawValue, s.region?.rawValue,
                             s.channel.rawValue, s.language, s.urgent, s.stage, Self.millis(s.stageEnteredAt), Self.millis(s.createdAt),
                             s.reporterGender, Data(row.policyHash.bytes)])
    }

    func caseRow(reference: CaseReference) throws -> CaseRow? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM cases WHERE reference = ?"), arguments: [reference.rawValue]).map(Self.caseRow)
    }

    func caseRow(receiptLookup: Digest) throws -> CaseRow? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM cases WHERE receipt_lookup = ?"), arguments: [Data(receiptLookup.bytes)]).map(Self.caseRow)
    }

    private static func caseRow(_ row: Row) throws -> CaseRow {
        let reference = CaseReference(stored: row["reference"])
        guard let channel = IntakeChannel(rawValue: row["channel"]),
              let lookup = try? Digest(bytes: row["receipt_lookup"] as Data),
              let policy = try? Digest(bytes: row["policy_hash"] as Data)
        else { throw CasesError.damaged("case \(reference)") }
        let summary = CaseSummary(
            reference: reference, event: row["event"], category: row["category"],
            respondentRole: (row["respondent_role"] as String?).flatMap(RespondentRole.init(rawValue:)),
            region: (row["region"] as String?).flatMap(Region.init(rawValue:)), channel: channel, language: row["language"],
            urgent: row["urgent"], stage: row["stage"], stageEnteredAt: date(row["stage_entered_at"]), createdAt: date(row["created_at"]),
            reporterGender: row["reporter_gender"])
        return CaseRow(summary: summary, receiptLookup: lookup, policyHash: policy, keyEpoch: row["key_epoch"], keyIsStale: row["key_stale"],
                       heldSince: (row["held_since"] as Int64?).map(date), shreddedAt: (row["shredded_at"] as Int64?).map(date))
    }

    func openCases(terminalStages: [String]) throws -> [CaseSummary] {
        let marks = Array(repeating: "?", count: terminalStages.count).joined(separator: ", ")
        return try Row.fetchAll(db, sql: "SELECT * FROM cases WHERE shredded_at IS NULL\(terminalStages.isEmpty ? "" : " AND stage NOT IN (\(marks))") ORDER BY reference",
                                arguments: StatementArguments(terminalStages)).map { try Self.caseRow($0).summary }
    }

    func setStage(reference: CaseReference, stage: String, at: Date) throws {
        try db.execute(sql: "UPDATE cases SET stage = ?, stage_entered_at = ? WHERE reference = ?", arguments: [stage, Self.millis(at), reference.rawValue])
    }

    func cases(sealedTo recipient: String) throws -> [(summary: CaseSummary, assigned: Bool)] {
        try Row.fetchAll(db, sql: """
            SELECT cases.*, case_seals.assigned AS sealed_assigned FROM case_seals JOIN cases ON cases.reference = case_seals.case_ref
            WHERE case_seals.recipient = ? ORDER BY cases.created_at
            """, arguments: [recipient]).map { (try Self.caseRow($0).summary, $0["sealed_assigned"]) }
    }

    func heldCases(outside closedStages: [String]) throws -> [HeldCase] {
        // The stages as arguments, never as text: a procedure's ids are a person's writing.
        let filter = closedStages.isEmpty ? "" : "WHERE stage NOT IN (" + Array(repeating: "?", count: closedStages.count).joined(separator: ", ") + ")"
        let open = "SELECT reference FROM cases \(filter)"
        let arguments = StatementArguments(closedStages)
        var holders: [String: [String: Bool]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT case_ref, recipient, assigned FROM case_seals WHERE case_ref IN (\(open))", arguments: arguments) {
            holders[row["case_ref"], default: [:]][row["recipient"]] = row["assigned"]
        }
        var histories: [String: [StageEntry]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT case_ref, stage, entered_at FROM case_transitions WHERE case_ref IN (\(open)) ORDER BY case_ref, seq",
                                    arguments: arguments) {
            histories[row["case_ref"], default: []].append(StageEntry(stage: row["stage"], enteredAt: Self.date(row["entered_at"])))
        }
        return try Row.fetchAll(db, sql: "SELECT * FROM cases \(filter) ORDER BY created_at, reference", arguments: arguments)
            .map { row in
                let summary = try Self.caseRow(row).summary
                return HeldCase(summary: summary, holders: holders[summary.reference.rawValue] ?? [:],
                                history: histories[summary.reference.rawValue] ?? [])
            }
    }

    func insertSeal(reference: CaseReference, recipient: String, sealed: [UInt8], assigned: Bool, tag: [UInt8]?) throws {
        try db.cachedStatement(sql: "INSERT INTO case_seals (case_ref, recipient, sealed, assigned, tag) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [reference.rawValue, recipient, Data(sealed), assigned, tag.map { Data($0) }])
    }

    func insertSeals(reference: CaseReference, _ seals: [(recipient: String, sealed: [UInt8], tag: [UInt8]?)]) throws {
        for seal in seals { try insertSeal(reference: reference, recipient: seal.recipient, sealed: seal.sealed, assigned: false, tag: seal.tag) }
    }

    func seal(reference: CaseReference, recipient: String) throws -> (sealed: [UInt8], assigned: Bool, tag: [UInt8]?)? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT sealed, assigned, tag FROM case_seals WHERE case_ref = ? AND recipient = ?"),
                         arguments: [reference.rawValue, recipient]).map { ([UInt8]($0["sealed"] as Data), $0["assigned"], ($0["tag"] as Data?).map { [UInt8]($0) }) }
    }

    func deleteSeal(reference: CaseReference, recipient: String) throws {
        try db.execute(sql: "DELETE FROM case_seals WHERE case_ref = ? AND recipient = ?", arguments: [reference.rawValue, recipient])
    }

    func sealRecipients(reference: CaseReference) throws -> [(recipient: String, assigned: Bool)] {
        try Row.fetchAll(db, sql: "SELECT recipient, assigned FROM case_seals WHERE case_ref = ? ORDER BY recipient", arguments: [reference.rawValue])
            .map { ($0["recipient"], $0["assigned"]) }
    }

    func seals(recipient: String) throws -> [(reference: CaseReference, sealed: [UInt8])] {
        try Row.fetchAll(db, sql: "SELECT case_ref, sealed FROM case_seals WHERE recipient = ? ORDER BY case_ref", arguments: [recipient])
            .map { (CaseReference(stored: $0["case_ref"]), [UInt8]($0["sealed"] as Data)) }
    }

    func replaceSeal(reference: CaseReference, recipient: String, sealed: [UInt8]) throws {
        try db.execute(sql: "UPDATE case_seals SET sealed = ? WHERE case_ref = ? AND recipient = ?", arguments: [Data(sealed), reference.rawValue, recipient])
    }
}
