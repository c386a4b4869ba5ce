import GrievanceCrypto

/// A run of stored entries copied out of SQLite, so that a second core can prepare them while
/// the first reads the next run. Bytes live in one buffer, so a batch costs a few allocations,
/// not several per row.
struct StoredRowBatch: Sendable {
    static let capacity = 4096

    private var bytes: [UInt8] = []
    private var rows: [(position: UInt64, entry: Range<Int>, storedHash: Digest, caseIndex: Range<Int>?)] = []

    var isEmpty: Bool { rows.isEmpty }
    var isFull: Bool { rows.count >= Self.capacity }

    init() {
        bytes.reserveCapacity(Self.capacity * 320)
        rows.reserveCapacity(Self.capacity)
    }

    mutating func append(position: UInt64, entry: UnsafeRawBufferPointer, storedHash: Digest, caseIndex: UnsafeRawBufferPointer?) {
        let entryRange = bytes.count..<(bytes.count + entry.count)
        bytes.append(contentsOf: entry)
        var indexRange: Range<Int>?
        if let caseIndex {
            indexRange = bytes.count..<(bytes.count + caseIndex.count)
            bytes.append(contentsOf: caseIndex)
        }
        rows.append((position, entryRange, storedHash, indexRange))
    }

    /// Runs the per-entry half of verification on every row, in order.
    func prepared() -> [PreparedEntry] {
        bytes.withUnsafeBytes { all in
            rows.map { row in
                let index = row.caseIndex.map { UnsafeRawBufferPointer(rebasing: all[$0]) }
                return AuditLogVerifier.prepare(
                    position: row.position, encoded: UnsafeRawBufferPointer(rebasing: all[row.entry]),
                    storedHash: row.storedHash, caseIndex: .kept(index))
            }
        }
    }
}
