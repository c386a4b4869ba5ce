import CSodium

/// Anonymous public-key encryption (`crypto_box_seal`): anyone with the public key can seal,
/// only the holder of the secret key can open, and the sender stays anonymous. This is how a
/// case's data key reaches each principal without the intake server holding any key that opens it.
public enum SealedBox {
    /// Bytes a sealed box adds to its message (an ephemeral public key and a tag).
    public static let overhead = Int(crypto_box_sealbytes())

    public static func seal(_ message: UnsafeRawBufferPointer, to recipient: BoxPublicKey) -> [UInt8] {
        Sodium.ensureInitialised()
        let length = message.count + overhead
        return [UInt8](unsafeUninitializedCapacity: length) { out, initialised in
            let status = recipient.bytes.withUnsafeBufferPointer { key in
                crypto_box_seal(
                    out.baseAddress!, message.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? emptyInput,
                    UInt64(message.count), key.baseAddress!)
            }
            // crypto_box_seal fails only if its ephemeral key cannot be made: nothing to recover.
            precondition(status == 0, "crypto_box_seal failed")
            initialised = length
        }
    }

    public static func seal(_ message: [UInt8], to recipient: BoxPublicKey) -> [UInt8] {
        message.withUnsafeBytes { seal($0, to: recipient) }
    }

    /// Seals a secret (a case's data key) without copying it into ordinary memory.
    public static func seal(_ secret: SecureBytes, to recipient: BoxPublicKey) -> [UInt8] {
        secret.withUnsafeBytes { seal($0, to: recipient) }
    }

    /// Opens a sealed box into ordinary memory.
    public static func open(_ box: [UInt8], with keyPair: BoxKeyPair) throws(CryptoError) -> [UInt8] {
        let length = try plaintextLength(box)
        var result = [UInt8](repeating: 0, count: length)
        guard result.withUnsafeMutableBytes({ open(box, with: keyPair, into: $0) }) else {
            throw .authenticationFailed
        }
        return result
    }

    /// Opens a sealed box whose content is a secret, straight into guarded memory.
    public static func openSecret(_ box: [UInt8], with keyPair: BoxKeyPair) throws(CryptoError) -> SecureBytes {
        let length = try plaintextLength(box)
        return try SecureBytes.make(count: length) { (out) throws(CryptoError) in
            guard open(box, with: keyPair, into: out) else { throw .authenticationFailed }
        }
    }

    private static func plaintextLength(_ box: [UInt8]) throws(CryptoError) -> Int {
        guard box.count >= overhead else { throw .authenticationFailed }
        return box.count - overhead
    }

    /// True when the box opened; `out` holds the message then.
    private static func open(_ box: [UInt8], with keyPair: BoxKeyPair, into out: UnsafeMutableRawBufferPointer) -> Bool {
        Sodium.ensureInitialised()
        let status = box.withUnsafeBufferPointer { boxBytes in
            keyPair.publicKey.bytes.withUnsafeBufferPointer { publicKey in
                keyPair.secretKey.withUnsafeBytes { secretKey in
                    crypto_box_seal_open(
                        out.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? scratchOutput,
                        boxBytes.baseAddress!, UInt64(boxBytes.count),
                        publicKey.baseAddress!, secretKey.baseAddress!.assumingMemoryBound(to: UInt8.self))
                }
            }
        }
        return status == 0
    }
}
