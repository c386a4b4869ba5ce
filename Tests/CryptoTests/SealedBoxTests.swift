import GrievanceCrypto
import Testing

@Suite("X25519 sealed boxes")
struct SealedBoxTests {
    @Test("RFC 7748 private keys give the RFC's public keys")
    func rfc7748() throws {
        for vector in try VectorFile.load("x25519.txt") {
            let keyPair = try BoxKeyPair(secretKey: SecureBytes(copying: vector.bytes("secret")))
            #expect(keyPair.publicKey.bytes == vector.bytes("public"), "\(vector.name)")
        }
    }

    @Test("seal then open returns the message; sealing twice gives different boxes")
    func roundTrip() throws {
        let keyPair = BoxKeyPair.generate()
        for size in [0, 1, 32, 2048, 70_000] {
            let message = RandomBytes.make(count: size)
            let box = SealedBox.seal(message, to: keyPair.publicKey)
            #expect(box.count == size + SealedBox.overhead)
            #expect(try SealedBox.open(box, with: keyPair) == message)
            #expect(SealedBox.seal(message, to: keyPair.publicKey) != box)
        }
    }

    @Test("a secret sealed and opened never passes through an array, and comes back equal")
    func secretRoundTrip() throws {
        let keyPair = BoxKeyPair.generate()
        let caseKey = SymmetricKey.generate()
        let box = SealedBox.seal(caseKey.secret, to: keyPair.publicKey)
        let opened = try SealedBox.openSecret(box, with: keyPair)
        #expect(opened.constantTimeEquals(caseKey.secret))
    }

    @Test("any flipped bit of the box is rejected")
    func tampering() throws {
        let keyPair = BoxKeyPair.generate()
        let box = SealedBox.seal(Array("case key".utf8), to: keyPair.publicKey)
        for (position, tampered) in Tampering.singleBitFlips(of: box) {
            #expect(throws: CryptoError.authenticationFailed, "byte \(position)") {
                try SealedBox.open(tampered, with: keyPair)
            }
        }
    }

    @Test("another recipient, a truncated box and an empty box are rejected")
    func wrongRecipientAndTruncation() throws {
        let keyPair = BoxKeyPair.generate()
        let box = SealedBox.seal(Array("x".utf8), to: keyPair.publicKey)
        #expect(throws: CryptoError.authenticationFailed) { try SealedBox.open(box, with: .generate()) }
        #expect(throws: CryptoError.authenticationFailed) { try SealedBox.open(Array(box.dropLast()), with: keyPair) }
        #expect(throws: CryptoError.authenticationFailed) { try SealedBox.open([], with: keyPair) }
        #expect(throws: CryptoError.authenticationFailed) { try SealedBox.openSecret(Array(box.dropFirst()), with: keyPair) }
    }

    @Test("a seed determines the key pair; a different seed gives another")
    func seededKeyPairs() throws {
        let seed = SecureBytes.random(count: 32)
        let a = try BoxKeyPair(seed: seed)
        let b = try BoxKeyPair(seed: SecureBytes(copying: seed.withUnsafeBytes { Array($0) }))
        #expect(a.publicKey == b.publicKey)
        #expect(try BoxKeyPair(seed: .random(count: 32)).publicKey != a.publicKey)
        #expect(try BoxKeyPair(secretKey: a.secretKey).publicKey == a.publicKey)
        #expect(throws: CryptoError.self) { try BoxKeyPair(seed: .random(count: 31)) }
        #expect(throws: CryptoError.self) { try BoxPublicKey(bytes: [UInt8](repeating: 0, count: 33)) }
    }
}
