import AuditLog
import GrievanceCrypto
import Testing

@Suite("RFC 9162 Merkle tree")
struct MerkleTreeTests {
    // The RFC 6962 reference leaves and roots, used by Certificate Transparency implementations.
    static let leaves = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"]
        .map { Hex.decode($0)! }
    static let roots = [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ]

    static func digest(_ hex: String) -> Digest { try! Digest(bytes: Hex.decode(hex)!) }

    @Test("the RFC 6962 reference roots, from stored nodes and from a streaming frontier")
    func referenceRoots() throws {
        let tree = InMemoryTree(leaves: Self.leaves)
        var frontier = MerkleFrontier()
        for (index, leaf) in Self.leaves.enumerated() {
            frontier.append(leafHash: leaf.withUnsafeBytes { MerkleTree.leafHash($0) })
            #expect(try tree.rootHash(size: UInt64(index + 1)).hex == Self.roots[index])
            #expect(frontier.root.hex == Self.roots[index])
        }
        #expect(MerkleTree.emptyRoot.hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test("the reference inclusion and consistency proofs verify, and shifted ones do not")
    func referenceProofs() throws {
        let leaf5 = Self.leaves[5].withUnsafeBytes { MerkleTree.leafHash($0) }
        let path = ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"].map(Self.digest)
        try MerkleProof.verifyInclusion(leafHash: leaf5, index: 5, size: 8, proof: path, root: Self.digest(Self.roots[7]))
        #expect(try InMemoryTree(leaves: Self.leaves).inclusionProof(index: 5, size: 8) == path)
        #expect(throws: AuditLogError.self) {
            try MerkleProof.verifyInclusion(leafHash: leaf5, index: 4, size: 8, proof: path, root: Self.digest(Self.roots[7]))
        }
        let consistency = ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                           "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                           "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"].map(Self.digest)
        try MerkleProof.verifyConsistency(oldSize: 6, oldRoot: Self.digest(Self.roots[5]), newSize: 8, newRoot: Self.digest(Self.roots[7]), proof: consistency)
        #expect(try InMemoryTree(leaves: Self.leaves).consistencyProof(oldSize: 6, newSize: 8) == consistency)
        #expect(throws: AuditLogError.self) {
            try MerkleProof.verifyConsistency(oldSize: 6, oldRoot: Self.digest(Self.roots[4]), newSize: 8, newRoot: Self.digest(Self.roots[7]), proof: consistency)
        }
    }

    @Test("for every tree up to 40 leaves: every inclusion proof verifies; a flipped or shifted one fails")
    func allInclusionProofs() throws {
        let leafHashes = (0..<40).map { SHA256.hash([UInt8($0)]) }
        let tree = InMemoryTree(leafHashes: leafHashes)
        for size in 1...UInt64(40) {
            let root = InMemoryTree.referenceRoot(leafHashes[0..<Int(size)])
            #expect(try tree.rootHash(size: size) == root)
            for index in 0..<size {
                let proof = try tree.inclusionProof(index: index, size: size)
                try MerkleProof.verifyInclusion(leafHash: leafHashes[Int(index)], index: index, size: size, proof: proof, root: root)
                if !proof.isEmpty {
                    var bad = proof
                    bad[bad.count / 2] = SHA256.hash(bad[bad.count / 2].bytes)
                    #expect(throws: AuditLogError.self) {
                        try MerkleProof.verifyInclusion(leafHash: leafHashes[Int(index)], index: index, size: size, proof: bad, root: root)
                    }
                    #expect(throws: AuditLogError.self) {
                        try MerkleProof.verifyInclusion(leafHash: leafHashes[Int(index)], index: index, size: size, proof: Array(proof.dropLast()), root: root)
                    }
                }
                if size > 1 {
                    #expect(throws: AuditLogError.self) {
                        try MerkleProof.verifyInclusion(leafHash: leafHashes[Int(index)], index: (index + 1) % size, size: size, proof: proof, root: root)
                    }
                }
            }
        }
    }

    @Test("for every pair of sizes up to 40: consistency proofs verify; wrong roots or proofs fail")
    func allConsistencyProofs() throws {
        let leafHashes = (0..<40).map { SHA256.hash([UInt8($0), 7]) }
        let tree = InMemoryTree(leafHashes: leafHashes)
        for newSize in 0...UInt64(40) {
            let newRoot = InMemoryTree.referenceRoot(leafHashes[0..<Int(newSize)])
            for oldSize in 0...newSize {
                let oldRoot = InMemoryTree.referenceRoot(leafHashes[0..<Int(oldSize)])
                let proof = try tree.consistencyProof(oldSize: oldSize, newSize: newSize)
                try MerkleProof.verifyConsistency(oldSize: oldSize, oldRoot: oldRoot, newSize: newSize, newRoot: newRoot, proof: proof)
                guard oldSize > 0, oldSize < newSize else { continue }
                let otherRoot = SHA256.hash(oldRoot.bytes)
                #expect(throws: AuditLogError.self) {
                    try MerkleProof.verifyConsistency(oldSize: oldSize, oldRoot: otherRoot, newSize: newSize, newRoot: newRoot, proof: proof)
                }
                #expect(throws: AuditLogError.self) {
                    try MerkleProof.verifyConsistency(oldSize: oldSize, oldRoot: oldRoot, newSize: newSize, newRoot: otherRoot, proof: proof)
                }
                var bad = proof
                bad[0] = SHA256.hash(bad[0].bytes)
                #expect(throws: AuditLogError.self) {
                    try MerkleProof.verifyConsistency(oldSize: oldSize, oldRoot: oldRoot, newSize: newSize, newRoot: newRoot, proof: bad)
                }
            }
        }
        #expect(throws: AuditLogError.self) {
            try MerkleProof.verifyConsistency(oldSize: 5, oldRoot: .zero, newSize: 4, newRoot: .zero, proof: [])
        }
    }
}
