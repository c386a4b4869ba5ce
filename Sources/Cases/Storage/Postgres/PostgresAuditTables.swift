import AuditLog
import Foundation
import GrievanceCrypto
import PostgresNIO

/// The audit log's rows in PostgreSQL, inside the repository's transaction: what
/// `AuditLogStore` needs to append, prove, sign and verify, as it does over SQLite.
struct PostgresAuditTables: AuditTables {
    let session: PostgresSession

    func lastEntry() throws -> (sequence: UInt64, leafHash: Digest)? {
        guard let row = try session.query("SELECT seq, leaf_hash FROM audit_entries ORDER BY seq DESC LIMIT 1").first else { return nil }
        return (UInt64(try row.int64("seq")), try Digest(bytes: try row.bytes("leaf_hash")))
    }

    func insertEntry(sequence: UInt64, encoded: [UInt8], leafHash: Digest, caseReference: String?) throws {
        try session.send("INSERT INTO audit_entries (seq, entry, leaf_hash, case_ref) VALUES ($1, $2, $3, $4)",
                            [.integer(sequence), .bytes(encoded), .bytes(leafHash.bytes), .text(caseReference)])
    }

    func insertNode(level: Int, index: UInt64, hash: Digest) throws {
        try session.send("INSERT INTO audit_nodes (level, idx, hash) VALUES ($1, $2, $3)", [.integer(level), .integer(index), .bytes(hash.bytes)])
    }

    func storedNode(level: Int, index: UInt64) throws -> Digest? {
        let row = level == 0
            ? try session.query("SELECT leaf_hash AS hash FROM audit_entries WHERE seq = $1", [.integer(index)]).first
            : try session.query("SELECT hash FROM audit_nodes WHERE level = $1 AND idx = $2", [.integer(level), .integer(index)]).first
        return try row.flatMap { try? Digest(bytes: try $0.bytes("hash")) }
    }

    func entryCount() throws -> UInt64 {
        try session.query("SELECT MAX(seq) AS last FROM audit_entries").first.flatMap { try $0.optionalInt64("last") }.map { UInt64($0) + 1 } ?? 0
    }

    func encodedEntry(at sequence: UInt64) throws -> [UInt8]? {
        try session.query("SELECT entry FROM audit_entries WHERE seq = $1", [.integer(sequence)]).first.map { try $0.bytes("entry") }
    }

    func encodedEntries(caseReference: String) throws -> [[UInt8]] {
        try session.query("SELECT entry FROM audit_entries WHERE case_ref = $1 ORDER BY seq", [.text(caseReference)]).map { try $0.bytes("entry") }
    }

    func insertCheckpoint(size: UInt64, note: String) throws {
        try session.send("INSERT INTO audit_checkpoints (size, note) VALUES ($1, $2)", [.integer(size), .text(note)])
    }

    func checkpointNote(size: UInt64) throws -> String? {
        try session.query("SELECT note FROM audit_checkpoints WHERE size = $1", [.integer(size)]).first.map { try $0.string("note") }
    }

    func latestCheckpointSize() throws -> UInt64? {
        try session.query("SELECT MAX(size) AS size FROM audit_checkpoints").first.flatMap { try $0.optionalInt64("size") }.map { UInt64($0) }
    }

    func checkpointNotes() throws -> [(size: UInt64, note: String)] {
        try session.query("SELECT size, note FROM audit_checkpoints ORDER BY size").map { (UInt64(try $0.int64("size")), try $0.string("note")) }
    }

    func cosignatureLines(size: UInt64) throws -> [String] {
        try session.query("SELECT line FROM audit_cosignatures WHERE size = $1 ORDER BY id", [.integer(size)]).map { try $0.string("line") }
    }

    func insertCosignature(size: UInt64, witness: String, line: String) throws {
        try session.send("INSERT INTO audit_cosignatures (size, witness, line) VALUES ($1, $2, $3) ON CONFLICT (size, witness) DO NOTHING",
                            [.integer(size), .text(witness), .text(line)])
    }

    func entryRows() throws -> any AuditRowCursor {
        PostgresRowCursor(session: session, columns: 4) { after in
            ("SELECT seq, entry, leaf_hash, case_ref FROM audit_entries WHERE seq > $1 ORDER BY seq LIMIT \(PostgresRowCursor.batch)",
             [.integer(after)])
        }
    }

    func nodeRows() throws -> any AuditRowCursor {
        PostgresRowCursor(session: session, columns: 3, keyColumn: 3) { after in
            ("SELECT level, idx, hash, id FROM audit_nodes WHERE id > $1 ORDER BY id LIMIT \(PostgresRowCursor.batch)", [.integer(after)])
        }
    }
}
