import GrievanceCrypto

/// The right edge of a growing tree: the roots of the perfect subtrees that make up the first n
/// leaves, largest first (one per set bit of n). It lets a verifier stream any number of entries
/// in O(log n) memory and know the root at every size.
public struct MerkleFrontier: Sendable {
    private var subtrees: [(level: Int, hash: Digest)] = []
    public private(set) var size: UInt64 = 0

    public init() {}

    /// Adds a leaf and reports each perfect subtree it completes (level ≥ 1), lowest first:
    /// exactly the nodes the store writes for this leaf, in the order it writes them.
    public mutating func append(leafHash: Digest, completed: (_ level: Int, _ index: UInt64, _ hash: Digest) -> Void = { _, _, _ in }) {
        var level = 0
        var hash = leafHash
        var index = size
        while let last = subtrees.last, last.level == level {
            subtrees.removeLast()
            hash = MerkleTree.nodeHash(last.hash, hash)
            level += 1
            index >>= 1
            completed(level, index, hash)
        }
        subtrees.append((level, hash))
        size += 1
    }

    /// The RFC 9162 root of the leaves so far.
    public var root: Digest {
        guard var hash = subtrees.last?.hash else { return MerkleTree.emptyRoot }
        for subtree in subtrees.dropLast().reversed() { hash = MerkleTree.nodeHash(subtree.hash, hash) }
        return hash
    }
}
