import GrievanceCrypto
import Testing

@Suite("Ed25519")
struct SigningTests {
    @Test("RFC 8032 vectors: keys, signatures and negative cases")
    func rfc8032() throws {
        let vectors = try VectorFile.load("ed25519.txt")
        #expect(vectors.count >= 5)
        for vector in vectors {
            let keyPair = try SigningKeyPair(seed: SecureBytes(copying: vector.bytes("seed")))
            let message = vector.bytes("message")
            let signature = vector.bytes("signature")
            #expect(keyPair.publicKey.bytes == vector.bytes("public"), "\(vector.name)")
            let valid = keyPair.publicKey.isValidSignature(signature, for: message)
            switch vector.text("expect") {
            case "valid":
                #expect(valid, "\(vector.name)")
                // Ed25519 is deterministic: our signature is the RFC's, byte for byte.
                #expect(keyPair.sign(message) == signature, "\(vector.name)")
            case "invalid":
                #expect(!valid, "\(vector.name)")
            default:
                Issue.record("unknown expect in \(vector.name)")
            }
        }
    }

    @Test("any flipped bit of the signature or the message is rejected")
    func tampering() {
        let keyPair = SigningKeyPair.generate()
        let message = Array("checkpoint: grievance.example.org/log 42".utf8)
        let signature = keyPair.sign(message)
        #expect(keyPair.publicKey.isValidSignature(signature, for: message))
        for (position, tampered) in Tampering.singleBitFlips(of: signature) {
            #expect(!keyPair.publicKey.isValidSignature(tampered, for: message), "signature byte \(position)")
        }
        for (position, tampered) in Tampering.singleBitFlips(of: message) {
            #expect(!keyPair.publicKey.isValidSignature(signature, for: tampered), "message byte \(position)")
        }
    }

    @Test("another key, a short signature and an empty signature are rejected")
    func wrongKeyAndLengths() {
        let keyPair = SigningKeyPair.generate()
        let other = SigningKeyPair.generate()
        let message = Array("m".utf8)
        let signature = keyPair.sign(message)
        #expect(!other.publicKey.isValidSignature(signature, for: message))
        #expect(!keyPair.publicKey.isValidSignature(Array(signature.dropLast()), for: message))
        #expect(!keyPair.publicKey.isValidSignature([], for: message))
    }

    @Test("a key pair rebuilt from its secret half signs alike; an altered public half is refused")
    func rebuildFromSecret() throws {
        let keyPair = SigningKeyPair.generate()
        let rebuilt = try SigningKeyPair(secretKey: keyPair.secretKey)
        #expect(rebuilt.publicKey == keyPair.publicKey)
        var altered = keyPair.secretKey.withUnsafeBytes { Array($0) }
        altered[40] ^= 1
        #expect(throws: CryptoError.self) { try SigningKeyPair(secretKey: SecureBytes(copying: altered)) }
        #expect(throws: CryptoError.self) { try SigningKeyPair(secretKey: .random(count: 32)) }
        #expect(throws: CryptoError.self) { try SigningPublicKey(bytes: [1, 2, 3]) }
    }
}
