import Foundation
import GRDB
import GrievanceCrypto

/// The audit log. Every method runs inside a transaction the caller opened, over the engine's
/// `AuditTables`, so a state change and the entry that records it commit together or not at all.
/// The methods taking a GRDB `Database` are the same over SQLite's tables.
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
    public func append(_ draft: AuditEntryDraft, in tables: some AuditTables) throws -> AuditEntry {
        let last = try tables.lastEntry()
        let sequence: UInt64 = last.map { $0.sequence + 1 } ?? 0
        let previousHash = last?.leafHash ?? .zero
        let time = draft.time ?? Date()
        let entry = try AuditEntry(
            sequence: sequence, timeMilliseconds: Int64((time.timeIntervalSince1970 * 1000).rounded(.down)),
            actor: draft.actor, action: draft.action, caseReference: draft.caseReference,
            details: draft.details, previousHash: previousHash)
        let encoded = entry.encoded
        let leaf = encoded.withUnsafeBytes { MerkleTree.leafHash($0) }
        try tables.insertEntry(sequence: sequence, encoded: encoded, leafHash: leaf, caseReference: entry.caseReference)
        // The new leaf completes one perfect subtree per trailing 1 bit of its index.
        var hash = leaf
        var level = 0
        var index = sequence
        while index & 1 == 1 {
            let sibling = level == 0 ? previousHash : try StoredMerkleNodes(tables: tables).node(level: level, index: index - 1)
            hash = MerkleTree.nodeHash(sibling, hash)
            level += 1
            index >>= 1
            try tables.insertNode(level: level, index: index, hash: hash)
        }
        return entry
    }

    // MARK: Reading

    public func size(in tables: some AuditTables) throws -> UInt64 { try tables.entryCount() }

    public func entry(at sequence: UInt64, in tables: some AuditTables) throws -> AuditEntry? {
        try tables.encodedEntry(at: sequence).map { try AuditEntryCodec.decode($0) }
    }

    /// Every entry that names `caseReference`, oldest first. The index column only finds the
    /// candidates; each entry is decoded and checked, so an altered index cannot put words in
    /// an entry's mouth.
    public func entries(caseReference: String, in tables: some AuditTables) throws -> [AuditEntry] {
        try tables.encodedEntries(caseReference: caseReference).map { try AuditEntryCodec.decode($0) }.filter { $0.caseReference == caseReference }
    }

    // MARK: Tree and proofs

    public func rootHash(size: UInt64, in tables: some AuditTables) throws -> Digest {
        try StoredMerkleNodes(tables: tables).rootHash(size: size)
    }

    public func inclusionProof(index: UInt64, size: UInt64, in tables: some AuditTables) throws -> [Digest] {
        try StoredMerkleNodes(tables: tables).inclusionProof(index: index, size: size)
    }

    public func consistencyProof(oldSize: UInt64, newSize: UInt64, in tables: some AuditTables) throws -> [Digest] {
        try StoredMerkleNodes(tables: tables).consistencyProof(oldSize: oldSize, newSize: newSize)
    }

    // MARK: Checkpoints

    /// Signs a checkpoint of the whole log with the log key and keeps it. Refuses if the log no
    /// longer extends the last checkpoint it signed: it will not sign a rewritten history.
    public func signCheckpoint(key: SigningKeyPair, in tables: some AuditTables) throws -> SignedNote {
        let size = try size(in: tables)
        let root = try rootHash(size: size, in: tables)
        if let last = try latestCheckpoint(in: tables) {
            let previous = try Checkpoint(text: last.text)
            guard previous.size <= size else {
                throw AuditLogError.inconsistent("the log has \(size) entries, fewer than the \(previous.size) of its last checkpoint")
            }
            let proof = try consistencyProof(oldSize: previous.size, newSize: size, in: tables)
            do {
                try MerkleProof.verifyConsistency(oldSize: previous.size, oldRoot: previous.root, newSize: size, newRoot: root, proof: proof)
            } catch {
                throw AuditLogError.inconsistent("the log no longer extends its checkpoint at \(previous.size)")
            }
            if previous.size == size { return try checkpoint(size: size, in: tables)! }
        }
        let note = try SignedNote.sign(text: try Checkpoint(origin: origin, size: size, root: root).text, name: origin, key: key)
        try tables.insertCheckpoint(size: size, note: note.serialized)
        return note
    }

    /// The checkpoint at `size` with every cosignature kept for it.
    public func checkpoint(size: UInt64, in tables: some AuditTables) throws -> SignedNote? {
        guard let text = try tables.checkpointNote(size: size) else { return nil }
        return try withCosignatures(SignedNote(parsing: text), size: size, in: tables)
    }

    public func latestCheckpoint(in tables: some AuditTables) throws -> SignedNote? {
        guard let size = try tables.latestCheckpointSize() else { return nil }
        return try checkpoint(size: size, in: tables)
    }

    /// Every kept checkpoint, smallest first, with its cosignatures.
    public func checkpoints(in tables: some AuditTables) throws -> [SignedNote] {
        try tables.checkpointNotes().map { try withCosignatures(SignedNote(parsing: $0.note), size: $0.size, in: tables) }
    }

    /// Keeps a witness's cosignature of a checkpoint this log signed, after verifying it.
    public func addCosignature(from cosigned: SignedNote, witness: NoteVerifierKey, in tables: some AuditTables) throws {
        let checkpoint = try Checkpoint(text: cosigned.text)
        guard let kept = try self.checkpoint(size: checkpoint.size, in: tables), kept.text == cosigned.text else {
            throw AuditLogError.inconsistent("this log signed no checkpoint with that text at size \(checkpoint.size)")
        }
        _ = try Cosignature.verify(cosigned, witness: witness)
        try tables.insertCosignature(size: checkpoint.size, witness: witness.name, line: cosigned.signatures(by: witness)[0].line)
    }

    private func withCosignatures(_ note: SignedNote, size: UInt64, in tables: some AuditTables) throws -> SignedNote {
        try tables.cosignatureLines(size: size).reduce(note) { note, line in note.adding(try NoteSignature(parsing: line.dropLast())) }
    }
}

/// The same operations over SQLite's tables, in a GRDB database access.
extension AuditLogStore {
    @discardableResult
    public func append(_ draft: AuditEntryDraft, in db: Database) throws -> AuditEntry { try append(draft, in: SQLiteAuditTables(db)) }
    public func size(in db: Database) throws -> UInt64 { try size(in: SQLiteAuditTables(db)) }
    public func entry(at sequence: UInt64, in db: Database) throws -> AuditEntry? { try entry(at: sequence, in: SQLiteAuditTables(db)) }
    public func entries(caseReference: String, in db: Database) throws -> [AuditEntry] {
        try entries(caseReference: caseReference, in: SQLiteAuditTables(db))
    }
    public func rootHash(size: UInt64, in db: Database) throws -> Digest { try rootHash(size: size, in: SQLiteAuditTables(db)) }
    public func inclusionProof(index: UInt64, size: UInt64, in db: Database) throws -> [Digest] {
        try inclusionProof(index: index, size: size, in: SQLiteAuditTables(db))
    }
    public func consistencyProof(oldSize: UInt64, newSize: UInt64, in db: Database) throws -> [Digest] {
        try consistencyProof(oldSize: oldSize, newSize: newSize, in: SQLiteAuditTables(db))
    }
    public func signCheckpoint(key: SigningKeyPair, in db: Database) throws -> SignedNote { try signCheckpoint(key: key, in: SQLiteAuditTables(db)) }
    public func checkpoint(size: UInt64, in db: Database) throws -> SignedNote? { try checkpoint(size: size, in: SQLiteAuditTables(db)) }
    public func latestCheckpoint(in db: Database) throws -> SignedNote? { try latestCheckpoint(in: SQLiteAuditTables(db)) }
    public func checkpoints(in db: Database) throws -> [SignedNote] { try checkpoints(in: SQLiteAuditTables(db)) }
    public func addCosignature(from cosigned: SignedNote, witness: NoteVerifierKey, in db: Database) throws {
        try addCosignature(from: cosigned, witness: witness, in: SQLiteAuditTables(db))
    }
}
