import GrievanceCrypto

/// Verification of RFC 9162 proofs, needing nothing but hashes: what a reporter, a witness or an
/// auditor runs against a root they hold.
public enum MerkleProof {
    /// RFC 9162 §2.1.3.2. Throws unless `leafHash` at `index` is in the tree of `size` with `root`.
    public static func verifyInclusion(
        leafHash: Digest, index: UInt64, size: UInt64, proof: [Digest], root: Digest
    ) throws(AuditLogError) {
        guard index < size else { throw .proofFailed("leaf \(index) is not in a tree of \(size)") }
        var fn = index
        var sn = size - 1
        var r = leafHash
        for p in proof {
            guard sn != 0 else { throw .proofFailed("inclusion proof is too long") }
            if fn & 1 == 1 || fn == sn {
                r = MerkleTree.nodeHash(p, r)
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                r = MerkleTree.nodeHash(r, p)
            }
            fn >>= 1
            sn >>= 1
        }
        guard sn == 0 else { throw .proofFailed("inclusion proof is too short") }
        guard r == root else { throw .proofFailed("inclusion proof leads to another root") }
    }

    /// RFC 9162 §2.1.4.2. Throws unless the tree (`oldSize`, `oldRoot`) is a prefix of
    /// (`newSize`, `newRoot`).
    public static func verifyConsistency(
        oldSize: UInt64, oldRoot: Digest, newSize: UInt64, newRoot: Digest, proof: [Digest]
    ) throws(AuditLogError) {
        guard oldSize <= newSize else { throw .proofFailed("the old tree (\(oldSize)) is larger than the new (\(newSize))") }
        if oldSize == newSize {
            guard proof.isEmpty else { throw .proofFailed("a proof between equal sizes must be empty") }
            guard oldRoot == newRoot else { throw .proofFailed("two different roots for size \(oldSize)") }
            return
        }
        if oldSize == 0 {
            guard proof.isEmpty else { throw .proofFailed("a proof from the empty tree must be empty") }
            return
        }
        guard !proof.isEmpty else { throw .proofFailed("empty consistency proof") }
        var path = proof
        if MerkleTree.isPowerOfTwo(oldSize) { path.insert(oldRoot, at: 0) }
        var fn = oldSize - 1
        var sn = newSize - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var fr = path[0]
        var sr = path[0]
        for c in path.dropFirst() {
            guard sn != 0 else { throw .proofFailed("consistency proof is too long") }
            if fn & 1 == 1 || fn == sn {
                fr = MerkleTree.nodeHash(c, fr)
                sr = MerkleTree.nodeHash(c, sr)
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                sr = MerkleTree.nodeHash(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        guard sn == 0 else { throw .proofFailed("consistency proof is too short") }
        guard fr == oldRoot else { throw .proofFailed("the proof does not lead to the old root") }
        guard sr == newRoot else { throw .proofFailed("the proof does not lead to the new root") }
    }
}
