import AuditLog
import Foundation
import GrievanceCrypto
import PostgresNIO

/// Encrypted records, attachments, and the audit log in the same transaction.
extension PostgresCaseRepository {
    func appendRecord(reference: CaseReference, kind: RecordKind, at: Date, keyEpoch: Int, seal: (UInt64) -> [UInt8]) throws -> UInt64 {
        let last = try session.query("SELECT COALESCE(MAX(seq), 0) AS last FROM case_records WHERE case_ref = $1", [.text(reference.rawValue)])
            .first.map { try $0.int64("last") } ?? 0
        let sequence = UInt64(last) + 1
        try session.send("INSERT INTO case_records (case_ref, seq, kind, sealed, created_at, key_epoch) VALUES ($1, $2, $3, $4, $5, $6)",
                            [.text(reference.rawValue), .integer(sequence), .text(kind.rawValue), .bytes(seal(sequence)), Self.millis(at),
                             .integer(keyEpoch)])
        return sequence
    }

    func wrappedCaseKeys(reference: CaseReference) throws -> [Int: [UInt8]] {
        let rows = try session.query("SELECT epoch, wrapped_previous FROM case_keys WHERE case_ref = $1", [.text(reference.rawValue)])
        return Dictionary(try rows.map { (Int(try $0.int64("epoch")), try $0.bytes("wrapped_previous")) }, uniquingKeysWith: { first, _ in first })
    }

    func advanceCaseKey(reference: CaseReference, to epoch: Int, wrappedPrevious: [UInt8]) throws {
        try session.send("INSERT INTO case_keys (case_ref, epoch, wrapped_previous) VALUES ($1, $2, $3)",
                            [.text(reference.rawValue), .integer(epoch), .bytes(wrappedPrevious)])
        try session.send("UPDATE cases SET key_epoch = $1, key_stale = false WHERE reference = $2", [.integer(epoch), .text(reference.rawValue)])
    }

    func markCaseKeyStale(reference: CaseReference) throws {
        try session.send("UPDATE cases SET key_stale = true WHERE reference = $1", [.text(reference.rawValue)])
    }

    func records(reference: CaseReference) throws -> [StoredRecord] {
        try session.query("SELECT seq, kind, sealed, created_at, key_epoch FROM case_records WHERE case_ref = $1 ORDER BY seq",
                          [.text(reference.rawValue)])
            .map { row in
                guard let kind = RecordKind(rawValue: try row.string("kind")) else { throw CasesError.damaged("a record of \(reference)") }
                return StoredRecord(sequence: UInt64(try row.int64("seq")), kind: kind, sealed: try row.bytes("sealed"),
                                    createdAt: Self.date(try row.int64("created_at")), keyEpoch: Int(try row.int64("key_epoch")))
            }
    }

    func insertAttachment(reference: CaseReference, recordSequence: UInt64, sealedKey: [UInt8], header: [UInt8]) throws {
        try session.send("INSERT INTO case_attachments (case_ref, record_seq, sealed_key, header) VALUES ($1, $2, $3, $4)",
                            [.text(reference.rawValue), .integer(recordSequence), .bytes(sealedKey), .bytes(header)])
    }

    func insertAttachmentChunk(reference: CaseReference, recordSequence: UInt64, index: Int, chunk: [UInt8]) throws {
        try session.send("INSERT INTO case_attachment_chunks (case_ref, record_seq, idx, chunk) VALUES ($1, $2, $3, $4)",
                            [.text(reference.rawValue), .integer(recordSequence), .integer(index), .bytes(chunk)])
    }

    func attachment(reference: CaseReference, recordSequence: UInt64) throws -> (sealedKey: [UInt8], header: [UInt8], chunks: [[UInt8]])? {
        let key: [PostgresArgument] = [.text(reference.rawValue), .integer(recordSequence)]
        guard let row = try session.query("SELECT sealed_key, header FROM case_attachments WHERE case_ref = $1 AND record_seq = $2", key).first
        else { return nil }
        let chunks = try session.query("SELECT chunk FROM case_attachment_chunks WHERE case_ref = $1 AND record_seq = $2 ORDER BY idx", key)
            .map { try $0.bytes("chunk") }
        return (try row.bytes("sealed_key"), try row.bytes("header"), chunks)
    }

    func appendTransition(reference: CaseReference, stage: String, at: Date) throws {
        try session.send("""
            INSERT INTO case_transitions (case_ref, seq, stage, entered_at)
            VALUES ($1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM case_transitions WHERE case_ref = $1), $2, $3)
            """, [.text(reference.rawValue), .text(stage), Self.millis(at)])
    }

    func transitions(reference: CaseReference) throws -> [StageEntry] {
        try session.query("SELECT stage, entered_at FROM case_transitions WHERE case_ref = $1 ORDER BY seq", [.text(reference.rawValue)])
            .map { StageEntry(stage: try $0.string("stage"), enteredAt: Self.date(try $0.int64("entered_at"))) }
    }

    func auditSize() throws -> UInt64 { try audit.size(in: tables) }

    func auditEntry(at sequence: UInt64) throws -> AuditEntry? { try audit.entry(at: sequence, in: tables) }

    func audit(_ draft: AuditEntryDraft) throws -> AuditEntry { try audit.append(draft, in: tables) }

    func auditEntries(caseReference: CaseReference) throws -> [AuditEntry] { try audit.entries(caseReference: caseReference.rawValue, in: tables) }

    func signCheckpoint(key: SigningKeyPair) throws -> SignedNote { try audit.signCheckpoint(key: key, in: tables) }

    func latestCheckpoint() throws -> SignedNote? { try audit.latestCheckpoint(in: tables) }

    func checkpoints() throws -> [SignedNote] { try audit.checkpoints(in: tables) }

    func consistencyProof(oldSize: UInt64, newSize: UInt64) throws -> [Digest] {
        try audit.consistencyProof(oldSize: oldSize, newSize: newSize, in: tables)
    }

    func addCosignature(_ cosigned: SignedNote, witness: NoteVerifierKey) throws {
        try audit.addCosignature(from: cosigned, witness: witness, in: tables)
    }
}
