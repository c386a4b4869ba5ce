import AuditLog
import Foundation
import GRDB
import GrievanceCrypto

/// Encrypted records, attachments, and the audit log in the same transaction.
extension SQLiteCaseRepository {
    func appendRecord(reference: CaseReference, kind: RecordKind, at: Date, keyEpoch: Int, seal: (UInt64) -> [UInt8]) throws -> UInt64 {
        let last = try Int64.fetchOne(db.cachedStatement(sql: "SELECT MAX(seq) FROM case_records WHERE case_ref = ?"), arguments: [reference.rawValue]) ?? 0
        let sequence = UInt64(last) + 1
        try db.cachedStatement(sql: "INSERT INTO case_records (case_ref, seq, kind, sealed, created_at, key_epoch) VALUES (?, ?, ?, ?, ?, ?)")
            .execute(arguments: [reference.rawValue, Int64(sequence), kind.rawValue, Data(seal(sequence)), Self.millis(at), keyEpoch])
        return sequence
    }

    func wrappedCaseKeys(reference: CaseReference) throws -> [Int: [UInt8]] {
        let rows = try Row.fetchAll(db, sql: "SELECT epoch, wrapped_previous FROM case_keys WHERE case_ref = ?", arguments: [reference.rawValue])
        return Dictionary(rows.map { (Int($0["epoch"] as Int64), [UInt8]($0["wrapped_previous"] as Data)) }, uniquingKeysWith: { first, _ in first })
    }

    func advanceCaseKey(reference: CaseReference, to epoch: Int, wrappedPrevious: [UInt8]) throws {
        try db.execute(sql: "INSERT INTO case_keys (case_ref, epoch, wrapped_previous) VALUES (?, ?, ?)",
                       arguments: [reference.rawValue, epoch, Data(wrappedPrevious)])
        try db.execute(sql: "UPDATE cases SET key_epoch = ?, key_stale = 0 WHERE reference = ?", arguments: [epoch, reference.rawValue])
    }

    func markCaseKeyStale(reference: CaseReference) throws {
        try db.execute(sql: "UPDATE cases SET key_stale = 1 WHERE reference = ?", arguments: [reference.rawValue])
    }

    func records(reference: CaseReference) throws -> [StoredRecord] {
        try Row.fetchAll(db, sql: "SELECT seq, kind, sealed, created_at, key_epoch FROM case_records WHERE case_ref = ? ORDER BY seq",
                         arguments: [reference.rawValue])
            .map { row in
                guard let kind = RecordKind(rawValue: row["kind"]) else { throw CasesError.damaged("a record of \(reference)") }
                return StoredRecord(sequence: UInt64(row["seq"] as Int64), kind: kind, sealed: [UInt8](row["sealed"] as Data),
                                    createdAt: Self.date(row["created_at"]), keyEpoch: row["key_epoch"])
            }
    }

    func insertAttachment(reference: CaseReference, recordSequence: UInt64, sealedKey: [UInt8], header: [UInt8]) throws {
        try db.execute(sql: "INSERT INTO case_attachments (case_ref, record_seq, sealed_key, header) VALUES (?, ?, ?, ?)",
                       arguments: [reference.rawValue, Int64(recordSequence), Data(sealedKey), Data(header)])
    }

    func insertAttachmentChunk(reference: CaseReference, recordSequence: UInt64, index: Int, chunk: [UInt8]) throws {
        try db.cachedStatement(sql: "INSERT INTO case_attachment_chunks (case_ref, record_seq, idx, chunk) VALUES (?, ?, ?, ?)")
            .execute(arguments: [reference.rawValue, Int64(recordSequence), index, Data(chunk)])
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

    func auditSize() throws -> UInt64 { try audit.size(in: db) }

    func auditEntry(at sequence: UInt64) throws -> AuditEntry? { try audit.entry(at: sequence, in: db) }

    func audit(_ draft: AuditEntryDraft) throws -> AuditEntry { try audit.append(draft, in: db) }

    func auditEntries(caseReference: CaseReference) throws -> [AuditEntry] { try audit.entries(caseReference: caseReference.rawValue, in: db) }

    func signCheckpoint(key: SigningKeyPair) throws -> SignedNote { try audit.signCheckpoint(key: key, in: db) }

    func latestCheckpoint() throws -> SignedNote? { try audit.latestCheckpoint(in: db) }

    func checkpoints() throws -> [SignedNote] { try audit.checkpoints(in: db) }

    func consistencyProof(oldSize: UInt64, newSize: UInt64) throws -> [Digest] {
        try audit.consistencyProof(oldSize: oldSize, newSize: newSize, in: db)
    }

    func addCosignature(_ cosigned: SignedNote, witness: NoteVerifierKey) throws {
        try audit.addCosignature(from: cosigned, witness: witness, in: db)
    }
}
