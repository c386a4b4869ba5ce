import AuditLog
import Foundation
import GRDB
import GrievanceCrypto

/// `CaseRepository` over one GRDB database access.
struct SQLiteCaseRepository: CaseRepository {
    let db: Database
    let audit: AuditLogStore

    private static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }
    private static func date(_ millis: Int64) -> Date { Date(timeIntervalSince1970: Double(millis) / 1000) }

    func savepoint<T>(_ body: () throws -> T) throws -> T {
        var result: T?
        try db.inSavepoint {
            result = try body()
            return .commit
        }
        return result!
    }

    func setting(_ key: String) throws -> [UInt8]? {
        try Data.fetchOne(db, sql: "SELECT value FROM settings WHERE key = ?", arguments: [key]).map { [UInt8]($0) }
    }

    func setSetting(_ key: String, _ value: [UInt8]) throws {
        try db.execute(sql: "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                       arguments: [key, Data(value)])
    }

    func deleteSetting(_ key: String) throws {
        try db.execute(sql: "DELETE FROM settings WHERE key = ?", arguments: [key])
    }

    func principalsGeneration() throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT value FROM settings WHERE key = 'principals-generation'")) ?? 0
    }

    private func bumpPrincipalsGeneration() throws {
        try db.execute(sql: """
            INSERT INTO settings (key, value) VALUES ('principals-generation', 1)
            ON CONFLICT (key) DO UPDATE SET value = value + 1
            """)
    }

    func insertPrincipal(_ stored: StoredPrincipal) throws {
        try bumpPrincipalsGeneration()
        let p = stored.principal
        try db.execute(sql: """
            INSERT INTO principals (id, name, roles, box_public, signing_public, box_secret_wrapped, signing_secret_wrapped, disabled, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [p.id, p.name, p.roles.sorted().map(\.rawValue).joined(separator: ","), Data(p.boxPublicKey), Data(p.signingPublicKey),
                             Data(stored.wrappedBoxSecret.serialized), Data(stored.wrappedSigningSecret.serialized), p.isDisabled, Self.millis(Date())])
    }

    func updatePrincipal(_ stored: StoredPrincipal) throws {
        try bumpPrincipalsGeneration()
        let p = stored.principal
        try db.execute(sql: """
            UPDATE principals SET name = ?, roles = ?, box_public = ?, signing_public = ?, box_secret_wrapped = ?,
                                  signing_secret_wrapped = ?, disabled = ?
            WHERE id = ?
            """, arguments: [p.name, p.roles.sorted().map(\.rawValue).joined(separator: ","), Data(p.boxPublicKey), Data(p.signingPublicKey),
                             Data(stored.wrappedBoxSecret.serialized), Data(stored.wrappedSigningSecret.serialized), p.isDisabled, p.id])
        guard db.changesCount == 1 else { throw CasesError(.noSuchPerson(p.id)) }
    }

    func principal(id: String) throws -> StoredPrincipal? {
        try Row.fetchOne(db, sql: "SELECT * FROM principals WHERE id = ?", arguments: [id]).map(Self.principal)
    }

    func principals() throws -> [StoredPrincipal] {
        try Row.fetchAll(db, sql: "SELECT * FROM principals ORDER BY id").map(Self.principal)
    }

    private static func principal(_ row: Row) throws -> StoredPrincipal {
        let roles = (row["roles"] as String).split(separator: ",").compactMap { Role(rawValue: String($0)) }
        let principal = Principal(
            id: row["id"], name: row["name"], roles: Set(roles), boxPublicKey: [UInt8](row["box_public"] as Data),
            signingPublicKey: [UInt8](row["signing_public"] as Data), isDisabled: row["disabled"])
        do {
            return StoredPrincipal(
                principal: principal, wrappedBoxSecret: try WrappedSecret(serialized: [UInt8](row["box_secret_wrapped"] as Data)),
                wrappedSigningSecret: try WrappedSecret(serialized: [UInt8](row["signing_secret_wrapped"] as Data)))
        } catch {
            throw CasesError.damaged("the keys of \(principal.id)")
        }
    }

    func eventExists(_ slug: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM events WHERE slug = ?)", arguments: [slug]) ?? false
    }

    func insertEvent(_ event: Event) throws {
        try db.execute(sql: "INSERT INTO events (slug, name, type, city, country, online, starts, ends) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       arguments: [event.slug, event.name, event.kind.rawValue, event.city, event.country, event.online, event.starts, event.ends])
    }

    func events() throws -> [Event] {
        try Row.fetchAll(db, sql: "SELECT * FROM events ORDER BY starts, slug").map { row in
            guard let kind = Event.Kind(rawValue: row["type"]) else { throw CasesError.damaged("event \(row["slug"] as String)") }
            return Event(slug: row["slug"], name: row["name"], kind: kind, city: row["city"], country: row["country"],
                         online: row["online"], starts: row["starts"], ends: row["ends"])
        }
    }

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
        return CaseRow(summary: summary, receiptLookup: lookup, policyHash: policy)
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

    func insertSeal(reference: CaseReference, recipient: String, sealed: [UInt8], assigned: Bool) throws {
        try db.cachedStatement(sql: "INSERT INTO case_seals (case_ref, recipient, sealed, assigned) VALUES (?, ?, ?, ?)")
            .execute(arguments: [reference.rawValue, recipient, Data(sealed), assigned])
    }

    func seal(reference: CaseReference, recipient: String) throws -> (sealed: [UInt8], assigned: Bool)? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT sealed, assigned FROM case_seals WHERE case_ref = ? AND recipient = ?"),
                         arguments: [reference.rawValue, recipient]).map { ([UInt8]($0["sealed"] as Data), $0["assigned"]) }
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

    func appendRecord(reference: CaseReference, kind: RecordKind, at: Date, seal: (UInt64) -> [UInt8]) throws -> UInt64 {
        let last = try Int64.fetchOne(db.cachedStatement(sql: "SELECT MAX(seq) FROM case_records WHERE case_ref = ?"), arguments: [reference.rawValue]) ?? 0
        let sequence = UInt64(last) + 1
        try db.cachedStatement(sql: "INSERT INTO case_records (case_ref, seq, kind, sealed, created_at) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [reference.rawValue, Int64(sequence), kind.rawValue, Data(seal(sequence)), Self.millis(at)])
        return sequence
    }

    func records(reference: CaseReference) throws -> [StoredRecord] {
        try Row.fetchAll(db, sql: "SELECT seq, kind, sealed, created_at FROM case_records WHERE case_ref = ? ORDER BY seq", arguments: [reference.rawValue])
            .map { row in
                guard let kind = RecordKind(rawValue: row["kind"]) else { throw CasesError.damaged("a record of \(reference)") }
                return StoredRecord(sequence: UInt64(row["seq"] as Int64), kind: kind, sealed: [UInt8](row["sealed"] as Data),
                                    createdAt: Self.date(row["created_at"]))
            }
    }

    func insertAttachment(reference: CaseReference, recordSequence: UInt64, sealedKey: [UInt8], header: [UInt8], chunks: [[UInt8]]) throws {
        try db.execute(sql: "INSERT INTO case_attachments (case_ref, record_seq, sealed_key, header) VALUES (?, ?, ?, ?)",
                       arguments: [reference.rawValue, Int64(recordSequence), Data(sealedKey), Data(header)])
        let insert = try db.cachedStatement(sql: "INSERT INTO case_attachment_chunks (case_ref, record_seq, idx, chunk) VALUES (?, ?, ?, ?)")
        for (index, chunk) in chunks.enumerated() {
            try insert.execute(arguments: [reference.rawValue, Int64(recordSequence), index, Data(chunk)])
        }
    }

    func attachment(reference: CaseReference, recordSequence: UInt64) throws -> (sealedKey: [UInt8], header: [UInt8], chunks: [[UInt8]])? {
        guard let row = try Row.fetchOne(db, sql: "SELECT sealed_key, header FROM case_attachments WHERE case_ref = ? AND record_seq = ?",
                                         arguments: [reference.rawValue, Int64(recordSequence)]) else { return nil }
        let chunks = try Data.fetchAll(db, sql: "SELECT chunk FROM case_attachment_chunks WHERE case_ref = ? AND record_seq = ? ORDER BY idx",
                                       arguments: [reference.rawValue, Int64(recordSequence)]).map { [UInt8]($0) }
        return ([UInt8](row["sealed_key"] as Data), [UInt8](row["header"] as Data), chunks)
    }

    func appendTransition(reference: CaseReference, stage: String, at: Date) throws {
        try db.cachedStatement(sql: """
            INSERT INTO case_transitions (case_ref, seq, stage, entered_at)
            VALUES (?1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM case_transitions WHERE case_ref = ?1), ?2, ?3)
            """).execute(arguments: [reference.rawValue, stage, Self.millis(at)])
    }

    func transitions(reference: CaseReference) throws -> [StageEntry] {
        try Row.fetchAll(db, sql: "SELECT stage, entered_at FROM case_transitions WHERE case_ref = ? ORDER BY seq", arguments: [reference.rawValue])
            .map { StageEntry(stage: $0["stage"], enteredAt: Self.date($0["entered_at"])) }
    }

    func audit(_ draft: AuditEntryDraft) throws -> AuditEntry { try audit.append(draft, in: db) }

    func auditEntries(caseReference: CaseReference) throws -> [AuditEntry] { try audit.entries(caseReference: caseReference.rawValue, in: db) }

    func signCheckpoint(key: SigningKeyPair) throws -> SignedNote { try audit.signCheckpoint(key: key, in: db) }

    func latestCheckpoint() throws -> SignedNote? { try audit.latestCheckpoint(in: db) }

    func addCosignature(_ cosigned: SignedNote, witness: NoteVerifierKey) throws {
        try audit.addCosignature(from: cosigned, witness: witness, in: db)
    }
}
