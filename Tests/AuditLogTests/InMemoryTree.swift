import AuditLog
import GrievanceCrypto

/// Every perfect-subtree hash of a list of leaves, computed in memory: the reference the stored
/// tree and the proofs are checked against.
struct InMemoryTree: MerkleNodeSource {
    private var levels: [[Digest]]

    init(leafHashes: [Digest]) {
        levels = [leafHashes]
        while let last = levels.last, last.count > 1 {
            levels.append(stride(from: 0, to: last.count - 1, by: 2).map { MerkleTree.nodeHash(last[$0], last[$0 + 1]) })
        }
    }

    init(leaves: [[UInt8]]) {
        self.init(leafHashes: leaves.map { leaf in leaf.withUnsafeBytes { MerkleTree.leafHash($0) } })
    }

    func node(level: Int, index: UInt64) throws -> Digest {
        guard level < levels.count, index < levels[level].count else {
            throw AuditLogError.outOfRange("no node at \(level), \(index)")
        }
        return levels[level][Int(index)]
    }

    /// RFC 9162's definition, recursively, with no shortcuts.
    static func referenceRoot(_ leafHashes: ArraySlice<Digest>) -> Digest {
        switch leafHashes.count {
        case 0: return MerkleTree.emptyRoot
        case 1: return leafHashes.first!
        default:
            var k = 1
            while k * 2 < leafHashes.count { k *= 2 }
            let start = leafHashes.startIndex
            return MerkleTree.nodeHash(referenceRoot(leafHashes[start..<start + k]), referenceRoot(leafHashes[(start + k)...]))
        }
    }
}
