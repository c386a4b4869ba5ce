import AuditLog
import GrievanceCrypto

/// The audit log's tables as plain arrays: a second engine, so that tests can show the log's
/// logic needs nothing of SQLite. It keeps the uniqueness SQLite's constraints keep, so a bug
/// that inserts twice fails here too; nothing guards it the way triggers guard SQLite, so
/// tampering is one method call.
final class InMemoryAuditTables: AuditTables {
    private(set) var entries: [(sequence: UInt64, encoded: [UInt8], leafHash: Digest, caseReference: String?)] = []
    private(set) var nodes: [(level: Int, index: UInt64, hash: Digest)] = []
    private var checkpoints: [(size: UInt64, note: String)] = []
    private var cosignatures: [(size: UInt64, witness: String, line: String)] = []

    struct Conflict: Error {
        let what: String
    }

    func lastEntry() throws -> (sequence: UInt64, leafHash: Digest)? {
        entries.max { $0.sequence < $1.sequence }.map { ($0.sequence, $0.leafHash) }
    }

    func insertEntry(sequence: UInt64, encoded: [UInt8], leafHash: Digest, caseReference: String?) throws {
        guard !entries.contains(where: { $0.sequence == sequence }) else { throw Conflict(what: "entry \(sequence)") }
        entries.append((sequence, encoded, leafHash, caseReference))
    }

    func insertNode(level: Int, index: UInt64, hash: Digest) throws {
        guard !nodes.contains(where: { $0.level == level && $0.index == index }) else { throw Conflict(what: "node \(level), \(index)") }
        nodes.append((level, index, hash))
    }

    func storedNode(level: Int, index: UInt64) throws -> Digest? {
        level == 0
            ? entries.first { $0.sequence == index }?.leafHash
            : nodes.first { $0.level == level && $0.index == index }?.hash
    }

    func entryCount() throws -> UInt64 { entries.map(\.sequence).max().map { $0 + 1 } ?? 0 }

    func encodedEntry(at sequence: UInt64) throws -> [UInt8]? { entries.first { $0.sequence == sequence }?.encoded }

    func encodedEntries(caseReference: String) throws -> [[UInt8]] {
        entries.filter { $0.caseReference == caseReference }.sorted { $0.sequence < $1.sequence }.map(\.encoded)
    }

    func insertCheckpoint(size: UInt64, note: String) throws {
        guard !checkpoints.contains(where: { $0.size == size }) else { throw Conflict(what: "checkpoint \(size)") }
        checkpoints.append((size, note))
    }

    func checkpointNote(size: UInt64) throws -> String? { checkpoints.first { $0.size == size }?.note }

    func latestCheckpointSize() throws -> UInt64? { checkpoints.map(\.size).max() }

    func checkpointNotes() throws -> [(size: UInt64, note: String)] { checkpoints.sorted { $0.size < $1.size } }

    func cosignatureLines(size: UInt64) throws -> [String] { cosignatures.filter { $0.size == size }.map(\.line) }

    func insertCosignature(size: UInt64, witness: String, line: String) throws {
        guard checkpoints.contains(where: { $0.size == size }) else { throw Conflict(what: "no checkpoint \(size)") }
        guard !cosignatures.contains(where: { $0.size == size && $0.witness == witness }) else { return }
        cosignatures.append((size, witness, line))
    }

    func entryRows() throws -> any AuditRowCursor {
        InMemoryRowCursor(rows: entries.sorted { $0.sequence < $1.sequence }.map { entry in
            [.integer(Int64(entry.sequence)), .bytes(entry.encoded), .bytes(entry.leafHash.bytes),
             entry.caseReference.map { .bytes(Array($0.utf8)) } ?? .null]
        })
    }

    func nodeRows() throws -> any AuditRowCursor {
        InMemoryRowCursor(rows: nodes.map { [.integer(Int64($0.level)), .integer(Int64($0.index)), .bytes($0.hash.bytes)] })
    }

    /// Changes the bytes of a stored entry and nothing beside them, as someone with the store could.
    func tamper(entryAt sequence: UInt64, _ change: (inout [UInt8]) -> Void) {
        let position = entries.firstIndex { $0.sequence == sequence }!
        change(&entries[position].encoded)
    }

    /// Replaces a stored leaf hash, as someone covering up an altered entry would.
    func tamper(leafHashAt sequence: UInt64, with hash: Digest) {
        let position = entries.firstIndex { $0.sequence == sequence }!
        entries[position].leafHash = hash
    }

    /// Replaces a stored tree node (level ≥ 1).
    func tamper(nodeAt level: Int, index: UInt64, with hash: Digest) {
        let position = nodes.firstIndex { $0.level == level && $0.index == index }!
        nodes[position].hash = hash
    }
}
