import Foundation
import GRDB
import GrievanceCrypto

/// The audit log's rows in SQLite, inside the caller's database access.
public struct SQLiteAuditTables: AuditTables {
    let db: Database

    public init(_ db: Database) { self.db = db }

    public func lastEntry() throws -> (sequence: UInt64, leafHash: Digest)? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, leaf_hash FROM audit_entries ORDER BY seq DESC LIMIT 1")) else {
            return nil
        }
        return (UInt64(row[0] as Int64), try row.withUnsafeData(atIndex: 1) { try Digest(bytes: $0 ?? Data()) })
    }

    public func insertEntry(sequence: UInt64, encoded: [UInt8], leafHash: Digest, caseReference: String?) throws {
        try db.cachedStatement(sql: "INSERT INTO audit_entries (seq, entry, leaf_hash, case_ref) VALUES (?, ?, ?, ?)")
            .execute(arguments: [Int64(sequence), Data(encoded), Data(leafHash.bytes), caseReference])
    }

    public func insertNode(level: Int, index: UInt64, hash: Digest) throws {
        try db.cachedStatement(sql: "INSERT INTO audit_nodes (level, idx, hash) VALUES (?, ?, ?)")
            .execute(arguments: [level, Int64(index), Data(hash.bytes)])
    }

    public func storedNode(level: Int, index: UInt64) throws -> Digest? {
        let row: Row?
        if level == 0 {
            row = try Row.fetchOne(db.cachedStatement(sql: "SELECT leaf_hash FROM audit_entries WHERE seq = ?"), arguments: [Int64(index)])
        } else {
            row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT hash FROM audit_nodes WHERE level = ? AND idx = ?"), arguments: [level, Int64(index)])
        }
        return try row?.withUnsafeData(atIndex: 0, { $0.flatMap { try? Digest(bytes: $0) } })
    }

    public func entryCount() throws -> UInt64 {
        try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM audit_entries").map { UInt64($0) + 1 } ?? 0
    }

    public func encodedEntry(at sequence: UInt64) throws -> [UInt8]? {
        try Row.fetchOne(db, sql: "SELECT entry FROM audit_entries WHERE seq = ?", arguments: [Int64(sequence)])
            .flatMap { row in try row.withUnsafeData(atIndex: 0) { $0.map { [UInt8]($0) } } }
    }

    public func encodedEntries(caseReference: String) throws -> [[UInt8]] {
        try Row.fetchAll(db, sql: "SELECT entry FROM audit_entries WHERE case_ref = ? ORDER BY seq", arguments: [caseReference])
            .compactMap { row in try row.withUnsafeData(atIndex: 0) { $0.map { [UInt8]($0) } } }
    }

    public func insertCheckpoint(size: UInt64, note: String) throws {
        try db.execute(sql: "INSERT INTO audit_checkpoints (size, note) VALUES (?, ?)", arguments: [Int64(size), note])
    }

    public func checkpointNote(size: UInt64) throws -> String? {
        try String.fetchOne(db, sql: "SELECT note FROM audit_checkpoints WHERE size = ?", arguments: [Int64(size)])
    }

    public func latestCheckpointSize() throws -> UInt64? {
        try Int64.fetchOne(db, sql: "SELECT MAX(size) FROM audit_checkpoints").map { UInt64($0) }
    }

    public func checkpointNotes() throws -> [(size: UInt64, note: String)] {
        try Row.fetchAll(db, sql: "SELECT size, note FROM audit_checkpoints ORDER BY size").map { (UInt64($0[0] as Int64), $0[1]) }
    }

    public func cosignatureLines(size: UInt64) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT line FROM audit_cosignatures WHERE size = ? ORDER BY id", arguments: [Int64(size)])
    }

    public func insertCosignature(size: UInt64, witness: String, line: String) throws {
        try db.execute(
            sql: "INSERT INTO audit_cosignatures (size, witness, line) VALUES (?, ?, ?) ON CONFLICT (size, witness) DO NOTHING",
            arguments: [Int64(size), witness, line])
    }

    public func entryRows() throws -> any AuditRowCursor {
        try SQLiteRowCursor(db, sql: "SELECT seq, entry, leaf_hash, case_ref FROM audit_entries ORDER BY seq")
    }

    public func nodeRows() throws -> any AuditRowCursor {
        try SQLiteRowCursor(db, sql: "SELECT level, idx, hash FROM audit_nodes ORDER BY id")
    }
}
