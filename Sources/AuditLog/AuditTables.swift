import GrievanceCrypto

/// The audit log's rows inside one open transaction of some engine. Everything the log does
/// (`AuditLogStore`: append, proofs, checkpoints, verification, export) is written once over
/// these primitives; each engine implements them (SQLite here, PostgreSQL in Cases).
public protocol AuditTables {
    /// The last entry's sequence number and leaf hash, or nil for an empty log.
    func lastEntry() throws -> (sequence: UInt64, leafHash: Digest)?
    func insertEntry(sequence: UInt64, encoded: [UInt8], leafHash: Digest, caseReference: String?) throws
    func insertNode(level: Int, index: UInt64, hash: Digest) throws
    /// Level 0 is the entry's stored leaf hash; nil if there is none (or it is not 32 bytes).
    func storedNode(level: Int, index: UInt64) throws -> Digest?
    /// The number of entries: MAX(seq) + 1, or 0.
    func entryCount() throws -> UInt64
    func encodedEntry(at sequence: UInt64) throws -> [UInt8]?
    /// The encoded entries whose case_ref column is `caseReference`, by sequence.
    func encodedEntries(caseReference: String) throws -> [[UInt8]]
    func insertCheckpoint(size: UInt64, note: String) throws
    func checkpointNote(size: UInt64) throws -> String?
    func latestCheckpointSize() throws -> UInt64?
    /// Every kept checkpoint (size, note text), smallest first.
    func checkpointNotes() throws -> [(size: UInt64, note: String)]
    /// The cosignature lines kept for the checkpoint at `size`, in the order they were added.
    func cosignatureLines(size: UInt64) throws -> [String]
    /// Keeps a cosignature line; a second one from the same witness for the same size is ignored.
    func insertCosignature(size: UInt64, witness: String, line: String) throws
    /// Every entry row in sequence order: columns 0 seq, 1 entry, 2 leaf_hash, 3 case_ref.
    func entryRows() throws -> any AuditRowCursor
    /// Every stored node row in the order appends inserted them: columns 0 level, 1 idx, 2 hash.
    func nodeRows() throws -> any AuditRowCursor
}
