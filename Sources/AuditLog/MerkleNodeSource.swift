import GrievanceCrypto

/// Where the hashes of perfect subtrees come from: stored nodes for the live log, computed
/// nodes for an in-memory tree. Level 0 is the leaves; the node at `level`, `index` covers the
/// leaves `index·2^level ..< (index+1)·2^level`.
public protocol MerkleNodeSource {
    func node(level: Int, index: UInt64) throws -> Digest
}

extension MerkleNodeSource {
    /// MTH of the leaves `start ..< end`, looking up perfect subtrees: O(log n) lookups.
    func subtreeHash(start: UInt64, end: UInt64) throws -> Digest {
        let size = end - start
        if MerkleTree.isPowerOfTwo(size) && start % size == 0 {
            return try node(level: size.trailingZeroBitCount, index: start / size)
        }
        let k = MerkleTree.split(size)
        return MerkleTree.nodeHash(try subtreeHash(start: start, end: start + k), try subtreeHash(start: start + k, end: end))
    }

    /// The root of the tree of the first `size` leaves.
    public func rootHash(size: UInt64) throws -> Digest {
        size == 0 ? MerkleTree.emptyRoot : try subtreeHash(start: 0, end: size)
    }

    /// RFC 9162 §2.1.3.1: the audit path of leaf `index` in the tree of `size` leaves, leaf first.
    public func inclusionProof(index: UInt64, size: UInt64) throws -> [Digest] {
        guard index < size else { throw AuditLogError.outOfRange("leaf \(index) is not in a tree of \(size)") }
        var path: [Digest] = []
        var start: UInt64 = 0
        var end = size
        var target = index
        // Walk from the root down, collecting siblings; the path lists them from the leaf up.
        while end - start > 1 {
            let k = MerkleTree.split(end - start)
            if target < k {
                path.append(try subtreeHash(start: start + k, end: end))
                end = start + k
            } else {
                path.append(try subtreeHash(start: start, end: start + k))
                start += k
                target -= k
            }
        }
        return path.reversed()
    }

    /// RFC 9162 §2.1.4.1: proof that the tree of `oldSize` leaves is a prefix of the tree of `newSize`.
    public func consistencyProof(oldSize: UInt64, newSize: UInt64) throws -> [Digest] {
        guard oldSize <= newSize else { throw AuditLogError.outOfRange("old size \(oldSize) exceeds new size \(newSize)") }
        guard oldSize > 0, oldSize < newSize else { return [] }
        var proof: [Digest] = []
        try subproof(m: oldSize, start: 0, end: newSize, complete: true, into: &proof)
        return proof
    }

    private func subproof(m: UInt64, start: UInt64, end: UInt64, complete: Bool, into proof: inout [Digest]) throws {
        let n = end - start
        if m == n {
            if !complete { proof.append(try subtreeHash(start: start, end: end)) }
            return
        }
        let k = MerkleTree.split(n)
        if m <= k {
            try subproof(m: m, start: start, end: start + k, complete: complete, into: &proof)
            proof.append(try subtreeHash(start: start + k, end: end))
        } else {
            try subproof(m: m - k, start: start + k, end: end, complete: false, into: &proof)
            proof.append(try subtreeHash(start: start, end: start + k))
        }
    }
}
