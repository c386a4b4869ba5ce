import GrievanceCrypto
import Testing

@Suite("XChaCha20-Poly1305")
struct AEADTests {
    @Test("draft-irtf-cfrg-xchacha vectors open, and their tampered forms do not")
    func vectors() throws {
        let vectors = try VectorFile.load("xchacha20poly1305.txt")
        #expect(vectors.count >= 3)
        for vector in vectors {
            let key = try SymmetricKey(secret: SecureBytes(copying: vector.bytes("key")))
            let open = { try XChaCha20Poly1305.open(vector.bytes("sealed"), key: key, associatedData: vector.bytes("associated")) }
            if vector.text("expect") == "authentication failure" {
                #expect(throws: CryptoError.authenticationFailed, "\(vector.name)") { try open() }
            } else {
                #expect(try open() == vector.bytes("expect"), "\(vector.name)")
            }
        }
    }

    @Test("round trip, with a fresh nonce every time")
    func roundTrip() throws {
        let key = SymmetricKey.generate()
        let ad = Array("case 7 · record 3 · note".utf8)
        for size in [0, 1, 2048, 100_000] {
            let plaintext = RandomBytes.make(count: size)
            let sealed = XChaCha20Poly1305.seal(plaintext, key: key, associatedData: ad)
            #expect(sealed.count == size + XChaCha20Poly1305.overhead)
            #expect(try XChaCha20Poly1305.open(sealed, key: key, associatedData: ad) == plaintext)
            let again = XChaCha20Poly1305.seal(plaintext, key: key, associatedData: ad)
            #expect(Array(again.prefix(XChaCha20Poly1305.nonceByteCount)) != Array(sealed.prefix(XChaCha20Poly1305.nonceByteCount)))
        }
    }

    @Test("any flipped bit of nonce, ciphertext or tag is rejected")
    func tamperingSealed() {
        let key = SymmetricKey.generate()
        let ad = Array("ad".utf8)
        let sealed = XChaCha20Poly1305.seal(Array("the account of what happened".utf8), key: key, associatedData: ad)
        for (position, tampered) in Tampering.singleBitFlips(of: sealed) {
            #expect(throws: CryptoError.authenticationFailed, "byte \(position)") {
                try XChaCha20Poly1305.open(tampered, key: key, associatedData: ad)
            }
        }
    }

    @Test("any flipped bit of the associated data is rejected: a record cannot move to another case")
    func tamperingAssociatedData() {
        let key = SymmetricKey.generate()
        let ad = Array("case 0001 · seq 1 · complaint".utf8)
        let sealed = XChaCha20Poly1305.seal(Array("x".utf8), key: key, associatedData: ad)
        for (position, tampered) in Tampering.singleBitFlips(of: ad) {
            #expect(throws: CryptoError.authenticationFailed, "ad byte \(position)") {
                try XChaCha20Poly1305.open(sealed, key: key, associatedData: tampered)
            }
        }
        #expect(throws: CryptoError.authenticationFailed) {
            try XChaCha20Poly1305.open(sealed, key: key, associatedData: [])
        }
    }

    @Test("the wrong key, a short input and a secret round trip")
    func wrongKeyShortInputSecret() throws {
        let key = SymmetricKey.generate()
        let sealed = XChaCha20Poly1305.seal(Array("x".utf8), key: key, associatedData: [])
        #expect(throws: CryptoError.authenticationFailed) {
            try XChaCha20Poly1305.open(sealed, key: .generate(), associatedData: [])
        }
        #expect(throws: CryptoError.authenticationFailed) {
            try XChaCha20Poly1305.open(Array(sealed.prefix(XChaCha20Poly1305.overhead - 1)), key: key, associatedData: [])
        }
        let secret = SecureBytes.random(count: 64)
        let sealedSecret = XChaCha20Poly1305.seal(secret, key: key, associatedData: [7])
        #expect(try XChaCha20Poly1305.openSecret(sealedSecret, key: key, associatedData: [7]).constantTimeEquals(secret))
        #expect(throws: CryptoError.self) { try SymmetricKey(secret: .random(count: 16)) }
    }
}
