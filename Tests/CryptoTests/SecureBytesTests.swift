@testable import GrievanceCrypto
import Testing

@Suite("Secret memory")
struct SecureBytesTests {
    @Test("secrets never print")
    func redaction() {
        let secret = SecureBytes(copying: Array("hunter2-MARKER-5f3a".utf8))
        var dumped = ""
        dump(secret, to: &dumped)
        let key = SymmetricKey.generate()
        let pair = BoxKeyPair.generate()
        for text in [secret.description, secret.debugDescription, "\(secret)", String(reflecting: secret), dumped,
                     "\(key)", "\(pair)", "\(SigningKeyPair.generate())"] {
            #expect(!text.contains("MARKER"))
            #expect(!text.contains("hunter2"))
        }
        #expect(secret.description == "SecureBytes(19 bytes, redacted)")
        #expect(!"\(pair)".contains(Hex.encode(pair.secretKey.withUnsafeBytes { Array($0) })))
    }

    @Test("zeroize leaves only zeros, for small secrets (slab slots) and large ones (own allocation)", arguments: [1, 32, 64, 65, 4096])
    func zeroize(count: Int) {
        let secret = SecureBytes.random(count: count)
        #expect(secret.withUnsafeBytes { $0.contains { $0 != 0 } })
        secret.zeroize()
        #expect(secret.withUnsafeBytes { $0.allSatisfy { $0 == 0 } })
    }

    @Test("secrets made and released on many threads at once keep their own bytes")
    func concurrentSlots() async {
        await withTaskGroup(of: Bool.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    var intact = true
                    for round in 0..<2000 {
                        let pattern = UInt8(truncatingIfNeeded: worker * 31 + round)
                        let secret = SecureBytes(copying: [UInt8](repeating: pattern, count: 32 + round % 33))
                        intact = intact && secret.withUnsafeBytes { $0.allSatisfy { $0 == pattern } }
                    }
                    return intact
                }
            }
            for await intact in group { #expect(intact) }
        }
    }

    @Test("a fill that throws leaves nothing behind and passes the error on")
    func failedFill() {
        struct Refused: Error {}
        #expect(throws: Refused.self) {
            try SecureBytes.make(count: 32) { (_: UnsafeMutableRawBufferPointer) throws(Refused) in throw Refused() }
        }
    }

    @Test("copies, random secrets and constant-time comparison")
    func basics() {
        let bytes: [UInt8] = [1, 2, 3, 4]
        let copy = SecureBytes(copying: bytes)
        #expect(copy.count == 4)
        #expect(copy.withUnsafeBytes { Array($0) } == bytes)
        #expect(copy.constantTimeEquals(SecureBytes(copying: bytes)))
        #expect(!copy.constantTimeEquals(SecureBytes(copying: [1, 2, 3, 5])))
        #expect(!copy.constantTimeEquals(SecureBytes(copying: [1, 2, 3])))
        #expect(!SecureBytes.random(count: 32).constantTimeEquals(.random(count: 32)))
        #expect(SecureBytes(copying: []).count == 0)
        #expect(SecureBytes(utf8: "pässword").count == 9)
    }
}
