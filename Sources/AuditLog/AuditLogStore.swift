import Foundation
import GRDB
import GrievanceCrypto

/// The audit log in SQLite. Every method runs inside a database access the caller opened, so a
/// state change and the entry that records it commit together or not at all.
public struct AuditLogStore: Sendable {
    /// The log's name in its checkpoints (C2SP origin), e.g. `grievance.example.org/audit`.
    public let origin: String

    public init(origin: String) throws(AuditLogError) {
        try NoteVerifierKey.validate(name: origin)
        self.origin = origin
    }

    // MARK: Appending

    /// Appends an entry in the caller's open transaction and returns it as stored.
    @discardableResult
    public func append(_ draft: AuditEntryDraft, in db: Database) throws -> AuditEntry {
        let last = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT seq, leaf_hash FROM audit_entries ORDER BY seq DESC LIMIT 1"))
        let sequence: UInt64 = last.map { UInt64($0[0] as Int64) + 1 } ?? 0
        let previousHash = try last?.withUnsafeData(atIndex: 1) { try $0.map { try Digest(bytes: $0) } } ?? .zero
        let time = draft.time ?? Date()
        let entry = try AuditEntry(
            sequence: sequence, timeMilliseconds: Int64((time.timeIntervalSince1970 * 1000).rounded(.down)),
            actor: draft.actor, action: draft.action, caseReference: draft.caseReference,
            details: draft.details, previousHash: previousHash)
        let encoded = entry.encoded
        let leaf = encoded.withUnsafeBytes { MerkleTree.leafHash($0) }
        try db.cachedStatement(sql: "INSERT INTO audit_entries (seq, entry, leaf_hash, case_ref) VALUES (?, ?, ?, ?)")
            .execute(arguments: [Int64(sequence), Data(encoded), Data(leaf.bytes), entry.caseReference])
        // The new leaf completes one perfect subtree per trailing 1 bit of its index.
        var hash = leaf
        var level = 0
        var index = sequence
        while index & 1 == 1 {
            let sibling = level == 0 ? previousHash : try StoredMerkleNodes(db: db).node(level: level, index: index - 1)
            hash = MerkleTree.nodeHash(sibling, hash)
            level += 1
            index >>= 1
            try db.cachedStatement(sql: "INSERT INTO audit_nodes (level, idx, hash) VALUES (?, ?, ?)")
                .execute(arguments: [level, Int64(index), Data(hash.bytes)])
        }
        return entry
    }

    // MARK: Reading

    public func size(in db: Database) throws -> UInt64 {
        let last = try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM audit_entries")
        return last.map { UInt64($0) + 1 } ?? 0
    }

    public func entry(at sequence: UInt64, in db: Database) throws -> AuditEntry? {
        guard let row = try Row.fetchOne(db, sql: "SELECT entry FROM audit_entries WHERE seq = ?", arguments: [Int64(sequence)]) else {
            return nil
        }
        return try row.withUnsafeData(atIndex: 0) { try $0.map { try AuditEntryCodec.decode([UInt8]($0)) } }
    }

    /// Every entry that names `caseReference`, oldest first. The index column only finds the
    /// candidates; each entry is decoded and checked, so an altered index cannot put words in
    /// an entry's mouth.
    public func entries(caseReference: String, in db: Database) throws -> [AuditEntry] {
        try Row.fetchAll(db, sql: "SELECT entry FROM audit_entries WHERE case_ref = ? ORDER BY seq", arguments: [caseReference])
            .compactMap { row in try row.withUnsafeData(atIndex: 0) { $0.map { [UInt8]($0) } } }
            .map { try AuditEntryCodec.decode($0) }
            .filter { $0.caseReference == caseReference }
    }

    // MARK: Tree and proofs

    public func rootHash(size: UInt64, in db: Database) throws -> Digest {
        try StoredMerkleNodes(db: db).rootHash(size: size)
    }

    public func inclusionProof(index: UInt64, size: UInt64, in db: Database) throws -> [Digest] {
        try StoredMerkleNodes(db: db).inclusionProof(index: index, size: size)
    }

    public func consistencyProof(oldSize: UInt64, newSize: UInt64, in db: Database) throws -> [Digest] {
        try StoredMerkleNodes(db: db).consistencyProof(oldSize: oldSize, newSize: newSize)
    }

    // MARK: Checkpoints

    /// Signs a checkpoint of the whole log with the log key and keeps it. Refuses if the log no
    /// longer extends the last checkpoint it signed: it will not sign a rewritten history.
    public func signCheckpoint(key: SigningKeyPair, in db: Database) throws -> SignedNote {
        let size = try size(in: db)
        let root = try rootHash(size: size, in: db)
        if let last = try latestCheckpoint(in: db) {
            let previous = try Checkpoint(text: last.text)
            guard previous.size <= size else {
                throw AuditLogError.inconsistent("the log has \(size) entries, fewer than the \(previous.size) of its last checkpoint")
            }
            let proof = try consistencyProof(oldSize: previous.size, newSize: size, in: db)
            do {
                try MerkleProof.verifyConsistency(oldSize: previous.size, oldRoot: previous.root, newSize: size, newRoot: root, proof: proof)
            } catch {
                throw AuditLogError.inconsistent("the log no longer extends its checkpoint at \(previous.size)")
            }
            if previous.size == size { return try checkpoint(size: size, in: db)! }
        }
        let note = try SignedNote.sign(text: try Checkpoint(origin: origin, size: size, root: root).text, name: origin, key: key)
        try db.execute(sql: "INSERT INTO audit_checkpoints (size, note) VALUES (?, ?)", arguments: [Int64(size), note.serialized])
        return note
    }

    /// The checkpoint at `size` with every cosignature kept for it.
    public func checkpoint(size: UInt64, in db: Database) throws -> SignedNote? {
        guard let text = try String.fetchOne(db, sql: "SELECT note FROM audit_checkpoints WHERE size = ?", arguments: [Int64(size)]) else {
            return nil
        }
        return try withCosignatures(SignedNote(parsing: text), size: size, in: db)
    }

    public func latestCheckpoint(in db: Database) throws -> SignedNote? {
        guard let size = try Int64.fetchOne(db, sql: "SELECT MAX(size) FROM audit_checkpoints") else { return nil }
        return try checkpoint(size: UInt64(size), in: db)
    }

    /// Every kept checkpoint, smallest first, with its cosignatures.
    public func checkpoints(in db: Database) throws -> [SignedNote] {
        try Row.fetchAll(db, sql: "SELECT size, note FROM audit_checkpoints ORDER BY size").map { row in
            try withCosignatures(SignedNote(parsing: row[1]), size: UInt64(row[0] as Int64), in: db)
        }
    }

    /// Keeps a witness's cosignature of a checkpoint this log signed, after verifying it.
    public func addCosignature(from cosigned: SignedNote, witness: NoteVerifierKey, in db: Database) throws {
        let checkpoint = try Checkpoint(text: cosigned.text)
        guard let kept = try self.checkpoint(size: checkpoint.size, in: db), kept.text == cosigned.text else {
            throw AuditLogError.inconsistent("this log signed no checkpoint with that text at size \(checkpoint.size)")
        }
        _ = try Cosignature.verify(cosigned, witness: witness)
        let line = cosigned.signatures(by: witness)[0].line
        try db.execute(
            sql: "INSERT INTO audit_cosignatures (size, witness, line) VALUES (?, ?, ?) ON CONFLICT (size, witness) DO NOTHING",
            arguments: [Int64(checkpoint.size), witness.name, line])
    }

    private func withCosignatures(_ note: SignedNote, size: UInt64, in db: Database) throws -> SignedNote {
        let lines = try String.fetchAll(db, sql: "SELECT line FROM audit_cosignatures WHERE size = ? ORDER BY id", arguments: [Int64(size)])
        return try lines.reduce(note) { note, line in note.adding(try NoteSignature(parsing: line.dropLast())) }
    }
}
