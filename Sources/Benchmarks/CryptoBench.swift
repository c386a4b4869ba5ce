import ArgumentParser
import CSodium
import GrievanceCrypto

/// Each operation of the Crypto module beside the same libsodium call made directly, with
/// buffers reused on the raw side: the ratio is everything our wrapper costs.
struct CryptoBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crypto",
        abstract: "The Crypto module against raw libsodium (target: ratio ≥ 0.90)."
    )

    static let minimumRatio = 0.90

    @OptionGroup var options: BenchOptions

    func run() throws {
        guard sodium_init() >= 0 else { throw ValidationError("libsodium could not be initialised") }
        print("grievance-bench crypto — \(MachineDescription.current()) — libsodium \(String(cString: sodium_version_string()))")
        print("median of \(options.rounds) interleaved rounds; ratio = ours / raw (1.000 = no overhead)\n")
        print(ComparisonResult.markdownHeader)
        var missed = false
        for comparison in Self.comparisons() {
            let result = comparison.run(rounds: options.rounds, roundMilliseconds: options.roundMilliseconds)
            print(result.markdownRow(minimumRatio: Self.minimumRatio))
            missed = missed || !result.meets(Self.minimumRatio)
        }
        if options.check && missed { throw ExitCode(1) }
    }

    static func comparisons() -> [PairedComparison] {
        sealedBox() + aead() + hashes() + signatures() + [secretStream(), argon2id()]
    }

    // MARK: Sealed boxes — a 2 KiB complaint

    static func sealedBox() -> [PairedComparison] {
        let message = RandomBytes.make(count: 2048)
        let keyPair = BoxKeyPair.generate()
        let publicKey = keyPair.publicKey.bytes
        let secretKey = keyPair.secretKey.withUnsafeBytes { Array($0) }
        let box = SealedBox.seal(message, to: keyPair.publicKey)
        var output = [UInt8](repeating: 0, count: message.count + SealedBox.overhead)
        return [
            PairedComparison(
                name: "sealed box seal, 2 KiB", bytesPerOperation: nil,
                ours: { blackHole(SealedBox.seal(message, to: keyPair.publicKey)) },
                raw: { blackHole(crypto_box_seal(&output, message, UInt64(message.count), publicKey)) }),
            PairedComparison(
                name: "sealed box open, 2 KiB", bytesPerOperation: nil,
                ours: { blackHole(try! SealedBox.open(box, with: keyPair)) },
                raw: { blackHole(crypto_box_seal_open(&output, box, UInt64(box.count), publicKey, secretKey)) }),
        ]
    }

    // MARK: XChaCha20-Poly1305 — 2 KiB records and 64 KiB bulk

    static func aead() -> [PairedComparison] {
        let key = SymmetricKey.generate()
        let rawKey = key.secret.withUnsafeBytes { Array($0) }
        let associatedData = Array("case 0001 · record 1 · complaint".utf8)
        func pair(size: Int, unit bytes: Bool) -> [PairedComparison] {
            let plaintext = RandomBytes.make(count: size)
            let sealed = XChaCha20Poly1305.seal(plaintext, key: key, associatedData: associatedData)
            var nonce = [UInt8](repeating: 0, count: XChaCha20Poly1305.nonceByteCount)
            var output = [UInt8](repeating: 0, count: size + XChaCha20Poly1305.tagByteCount)
            var written: UInt64 = 0
            let label = size >= 1024 ? "\(size / 1024) KiB" : "\(size) B"
            return [
                PairedComparison(
                    name: "XChaCha20-Poly1305 seal, \(label)", bytesPerOperation: bytes ? size : nil,
                    ours: { blackHole(XChaCha20Poly1305.seal(plaintext, key: key, associatedData: associatedData)) },
                    raw: {
                        randombytes_buf(&nonce, nonce.count)
                        blackHole(crypto_aead_xchacha20poly1305_ietf_encrypt(
                            &output, &written, plaintext, UInt64(plaintext.count),
                            associatedData, UInt64(associatedData.count), nil, nonce, rawKey))
                    }),
                PairedComparison(
                    name: "XChaCha20-Poly1305 open, \(label)", bytesPerOperation: bytes ? size : nil,
                    ours: { blackHole(try! XChaCha20Poly1305.open(sealed, key: key, associatedData: associatedData)) },
                    raw: {
                        sealed.withUnsafeBufferPointer { input in
                            blackHole(crypto_aead_xchacha20poly1305_ietf_decrypt(
                                &output, &written, nil,
                                input.baseAddress! + XChaCha20Poly1305.nonceByteCount,
                                UInt64(input.count - XChaCha20Poly1305.nonceByteCount),
                                associatedData, UInt64(associatedData.count), input.baseAddress!, rawKey))
                        }
                    }),
            ]
        }
        return pair(size: 2048, unit: false) + pair(size: 65536, unit: true)
    }

    // MARK: Hashes of 256-byte log entries

    static func hashes() -> [PairedComparison] {
        let entry = RandomBytes.make(count: 256)
        var output = [UInt8](repeating: 0, count: 32)
        return [
            PairedComparison(
                name: "SHA-256, 256 B", bytesPerOperation: nil,
                ours: { blackHole(SHA256.hash(entry)) },
                raw: { blackHole(crypto_hash_sha256(&output, entry, UInt64(entry.count))) }),
            PairedComparison(
                name: "BLAKE2b-256, 256 B", bytesPerOperation: nil,
                ours: { blackHole(BLAKE2b.hash(entry)) },
                raw: { blackHole(crypto_generichash(&output, 32, entry, UInt64(entry.count), nil, 0)) }),
        ]
    }

    // MARK: Ed25519 over a 256-byte message

    static func signatures() -> [PairedComparison] {
        let message = RandomBytes.make(count: 256)
        let keyPair = SigningKeyPair.generate()
        let secretKey = keyPair.secretKey.withUnsafeBytes { Array($0) }
        let publicKey = keyPair.publicKey.bytes
        let signature = keyPair.sign(message)
        var output = [UInt8](repeating: 0, count: 64)
        return [
            PairedComparison(
                name: "Ed25519 sign, 256 B", bytesPerOperation: nil,
                ours: { blackHole(keyPair.sign(message)) },
                raw: { blackHole(crypto_sign_detached(&output, nil, message, UInt64(message.count), secretKey)) }),
            PairedComparison(
                name: "Ed25519 verify, 256 B", bytesPerOperation: nil,
                ours: { blackHole(keyPair.publicKey.isValidSignature(signature, for: message)) },
                raw: { blackHole(crypto_sign_verify_detached(signature, message, UInt64(message.count), publicKey)) }),
        ]
    }

    // MARK: secretstream, 64 KiB chunks (attachments, backups)

    static func secretStream() -> PairedComparison {
        let key = SymmetricKey.generate()
        let rawKey = key.secret.withUnsafeBytes { Array($0) }
        let chunk = RandomBytes.make(count: 65536)
        var encryptor = SecretStreamEncryptor(key: key)
        var state = crypto_secretstream_xchacha20poly1305_state()
        var header = [UInt8](repeating: 0, count: SecretStreamEncryptor.headerByteCount)
        _ = crypto_secretstream_xchacha20poly1305_init_push(&state, &header, rawKey)
        var output = [UInt8](repeating: 0, count: chunk.count + SecretStreamEncryptor.chunkOverhead)
        var written: UInt64 = 0
        return PairedComparison(
            name: "secretstream push, 64 KiB chunks", bytesPerOperation: chunk.count,
            ours: { blackHole(try! encryptor.push(chunk)) },
            raw: {
                blackHole(crypto_secretstream_xchacha20poly1305_push(
                    &state, &output, &written, chunk, UInt64(chunk.count), nil, 0,
                    UInt8(crypto_secretstream_xchacha20poly1305_TAG_MESSAGE)))
            })
    }

    // MARK: Argon2id at the interactive limits

    static func argon2id() -> PairedComparison {
        let passphrase = SecureBytes(utf8: "correct horse battery staple")
        let rawPassphrase = Array("correct horse battery staple".utf8).map { CChar(bitPattern: $0) }
        let salt = RandomBytes.make(count: PassphraseKey.saltByteCount)
        let parameters = Argon2idParameters.interactive
        var output = [UInt8](repeating: 0, count: 32)
        return PairedComparison(
            name: "Argon2id key derivation, interactive", bytesPerOperation: nil,
            ours: { blackHole(try! PassphraseKey.derive(passphrase: passphrase, salt: salt, parameters: parameters)) },
            raw: {
                blackHole(crypto_pwhash(
                    &output, 32, rawPassphrase, UInt64(rawPassphrase.count), salt,
                    parameters.opsLimit, Int(parameters.memLimit), crypto_pwhash_ALG_ARGON2ID13))
            })
    }
}
