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

    @Test("zeroize leaves only zeros in the guarded memory")
    func zeroize() {
        let secret = SecureBytes.random(count: 64)
        #expect(secret.withUnsafeBytes { $0.contains { $0 != 0 } })
        secret.zeroize()
        #expect(secret.withUnsafeBytes { $0.allSatisfy { $0 == 0 } })
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
