import GrievanceCrypto
import Testing

@Suite("Argon2id and wrapped keys")
struct WrappedSecretTests {
    static let passphrase = SecureBytes(utf8: "a long passphrase for the handler")
    static let purpose = "box-secret-key"

    @Test("a wrapped key unwraps with its passphrase and purpose, through its serialised form")
    func roundTrip() throws {
        let secret = SecureBytes.random(count: 32)
        let wrapped = try WrappedSecret.wrap(secret, passphrase: Self.passphrase, purpose: Self.purpose, parameters: .interactive)
        let restored = try WrappedSecret(serialized: wrapped.serialized)
        #expect(restored == wrapped)
        #expect(restored.parameters == .interactive)
        #expect(try restored.unwrap(passphrase: Self.passphrase, purpose: Self.purpose).constantTimeEquals(secret))
    }

    @Test("a wrong passphrase or a different purpose is refused as a wrong passphrase")
    func wrongPassphraseOrPurpose() throws {
        let wrapped = try WrappedSecret.wrap(.random(count: 32), passphrase: Self.passphrase, purpose: Self.purpose, parameters: .interactive)
        #expect(throws: CryptoError.wrongPassphrase) {
            try wrapped.unwrap(passphrase: SecureBytes(utf8: "a long passphrase for the handlex"), purpose: Self.purpose)
        }
        #expect(throws: CryptoError.wrongPassphrase) {
            try wrapped.unwrap(passphrase: Self.passphrase, purpose: "signing-secret-key")
        }
    }

    @Test("every flipped byte of the serialised form is refused, never unwrapped")
    func tampering() throws {
        let wrapped = try WrappedSecret.wrap(.random(count: 32), passphrase: Self.passphrase, purpose: Self.purpose, parameters: .interactive)
        // One bit per byte (the low one) keeps a flipped cost parameter within the ceiling, so
        // each case runs Argon2id and must then fail authentication, not merely fail to parse.
        let flips = Tampering.singleBitFlips(of: wrapped.serialized, bits: [0x01])
        #expect(flips.count == wrapped.serialized.count)
        for (position, tampered) in flips {
            #expect(throws: CryptoError.self, "byte \(position)") {
                try WrappedSecret(serialized: tampered).unwrap(passphrase: Self.passphrase, purpose: Self.purpose)
            }
        }
    }

    @Test("parameters below the floor or above the ceiling are refused")
    func parameterLimits() {
        #expect(throws: CryptoError.self) { try Argon2idParameters(opsLimit: 1, memLimit: 64 << 20) }
        #expect(throws: CryptoError.self) { try Argon2idParameters(opsLimit: 2, memLimit: 8 << 20) }
        #expect(throws: CryptoError.self) { try Argon2idParameters(opsLimit: 17, memLimit: 64 << 20) }
        #expect(throws: CryptoError.self) { try Argon2idParameters(opsLimit: 2, memLimit: 5 << 30) }
        #expect(Argon2idParameters.moderate.memLimit > Argon2idParameters.interactive.memLimit)
    }

    @Test("short, unknown-version and foreign blobs are refused before any work")
    func malformed() throws {
        let serialized = try WrappedSecret.wrap(.random(count: 32), passphrase: Self.passphrase, purpose: Self.purpose, parameters: .interactive).serialized
        #expect(throws: CryptoError.self) { try WrappedSecret(serialized: Array(serialized.prefix(40))) }
        var version = serialized
        version[4] = 2
        #expect(throws: CryptoError.self) { try WrappedSecret(serialized: version) }
        var magic = serialized
        magic[0] = UInt8(ascii: "X")
        #expect(throws: CryptoError.self) { try WrappedSecret(serialized: magic) }
        #expect(throws: CryptoError.self) { try WrappedSecret(serialized: []) }
    }

    @Test("Argon2id is deterministic for one salt and differs across salts")
    func derivation() throws {
        let salt = RandomBytes.make(count: PassphraseKey.saltByteCount)
        let a = try PassphraseKey.derive(passphrase: Self.passphrase, salt: salt, parameters: .interactive)
        let b = try PassphraseKey.derive(passphrase: Self.passphrase, salt: salt, parameters: .interactive)
        let c = try PassphraseKey.derive(passphrase: Self.passphrase, salt: RandomBytes.make(count: PassphraseKey.saltByteCount), parameters: .interactive)
        #expect(a.secret.constantTimeEquals(b.secret))
        #expect(!a.secret.constantTimeEquals(c.secret))
        #expect(throws: CryptoError.self) { try PassphraseKey.derive(passphrase: Self.passphrase, salt: [1, 2], parameters: .interactive) }
    }
}
