import GrievanceCrypto
import Testing

@Suite("SHA-256 and BLAKE2b")
struct HashTests {
    @Test("SHA-256 matches the FIPS examples and hashlib")
    func sha256Vectors() throws {
        let vectors = try VectorFile.load("sha256.txt")
        #expect(vectors.count >= 4)
        for vector in vectors {
            let unit = vector.bytes("input")
            let repeatCount = Int(vector.text("repeat"))!
            let input = Array([[UInt8]](repeating: unit, count: repeatCount).joined())
            #expect(SHA256.hash(input).hex == vector.text("expect"), "\(vector.name)")
        }
    }

    @Test("BLAKE2b-256, plain and keyed, matches hashlib")
    func blake2bVectors() throws {
        let vectors = try VectorFile.load("blake2b-256.txt")
        #expect(vectors.count >= 4)
        for vector in vectors {
            let input = vector.bytes("input")
            let key = vector.bytes("key")
            let digest = key.isEmpty ? BLAKE2b.hash(input) : try BLAKE2b.hash(input, key: SecureBytes(copying: key))
            #expect(digest.hex == vector.text("expect"), "\(vector.name)")
        }
    }

    @Test("incremental hashing equals one-shot hashing, however the input is split")
    func incrementalEqualsOneShot() throws {
        let input = RandomBytes.make(count: 1000)
        let key = SecureBytes.random(count: 32)
        for _ in 0..<50 {
            let cuts = (0..<3).map { _ in Int(RandomBytes.uniform(below: 1001)) }.sorted()
            let pieces = [0..<cuts[0], cuts[0]..<cuts[1], cuts[1]..<cuts[2], cuts[2]..<1000].map { Array(input[$0]) }
            var sha = SHA256Hasher()
            var blake = BLAKE2bHasher()
            var keyed = try BLAKE2bHasher(key: key)
            for piece in pieces {
                sha.update(piece)
                blake.update(piece)
                keyed.update(piece)
            }
            #expect(sha.finalize() == SHA256.hash(input))
            #expect(blake.finalize() == BLAKE2b.hash(input))
            #expect(keyed.finalize() == (try BLAKE2b.hash(input, key: key)))
        }
    }

    @Test("a copied SHA-256 hasher forks the computation")
    func sha256HasherForks() {
        var first = SHA256Hasher()
        first.update(Array("prefix".utf8))
        var second = first
        first.update(Array("-a".utf8))
        second.update(Array("-b".utf8))
        #expect(first.finalize() == SHA256.hash(Array("prefix-a".utf8)))
        #expect(second.finalize() == SHA256.hash(Array("prefix-b".utf8)))
    }

    @Test("keyed BLAKE2b depends on the key and refuses keys of the wrong size")
    func keyedBlake2b() throws {
        let input = Array("receipt".utf8)
        let a = try BLAKE2b.hash(input, key: .random(count: 32))
        let b = try BLAKE2b.hash(input, key: .random(count: 32))
        #expect(a != b)
        #expect(a != BLAKE2b.hash(input))
        #expect(throws: CryptoError.self) { try BLAKE2b.hash(input, key: .random(count: 15)) }
        #expect(throws: CryptoError.self) { try BLAKE2b.hash(input, key: .random(count: 65)) }
        #expect(throws: CryptoError.self) { _ = try BLAKE2bHasher(key: .random(count: 8)) }
    }

    @Test("digests round-trip through bytes and refuse the wrong length")
    func digestBytes() throws {
        let digest = SHA256.hash(Array("x".utf8))
        #expect(try Digest(bytes: digest.bytes) == digest)
        #expect(Digest.zero.bytes == [UInt8](repeating: 0, count: 32))
        #expect(throws: CryptoError.self) { try Digest(bytes: [UInt8](repeating: 0, count: 31)) }
        #expect(Set([digest, digest, Digest.zero]).count == 2)
    }
}
