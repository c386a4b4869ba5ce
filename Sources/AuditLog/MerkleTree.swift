import GrievanceCrypto

/// RFC 9162 (Certificate Transparency 2.0) Merkle tree hashing, with SHA-256.
public enum MerkleTree {
    /// The root of the empty tree: SHA-256 of no bytes.
    public static let emptyRoot = SHA256.hash([UInt8]())

    /// SHA-256(0x00 ‖ entry).
    public static func leafHash(_ entry: UnsafeRawBufferPointer) -> Digest {
        var hasher = SHA256Hasher()
        hasher.update(byte: 0x00)
        hasher.update(entry)
        return hasher.finalize()
    }

    /// SHA-256(0x01 ‖ left ‖ right).
    public static func nodeHash(_ left: Digest, _ right: Digest) -> Digest {
        withUnsafeTemporaryAllocation(byteCount: 1 + 2 * Digest.byteCount, alignment: 1) { buffer in
            buffer[0] = 0x01
            left.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: buffer[1..<33]).copyMemory(from: $0) }
            right.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: buffer[33..<65]).copyMemory(from: $0) }
            return SHA256.hash(UnsafeRawBufferPointer(buffer))
        }
    }

    /// The largest power of two strictly less than `n` (n ≥ 2): where RFC 9162 splits a tree.
    static func split(_ n: UInt64) -> UInt64 {
        precondition(n >= 2)
        return 1 << (63 - (n - 1).leadingZeroBitCount)
    }

    static func isPowerOfTwo(_ n: UInt64) -> Bool { n > 0 && n & (n - 1) == 0 }
}
