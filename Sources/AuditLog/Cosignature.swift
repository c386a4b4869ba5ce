import GrievanceCrypto

/// C2SP tlog-cosignature/v1: a witness's timestamped Ed25519 signature over
/// `cosignature/v1\ntime <seconds>\n` followed by the checkpoint text.
public enum Cosignature {
    static func message(text: String, time: UInt64) -> [UInt8] {
        Array("cosignature/v1\ntime \(time)\n".utf8) + Array(text.utf8)
    }

    /// The cosignature line a witness adds to a checkpoint it has checked.
    static func sign(text: String, time: UInt64, witnessName: String, key: SigningKeyPair) throws(AuditLogError) -> NoteSignature {
        guard time <= UInt64(Int64.max) else { throw .outOfRange("timestamp above 2^63 - 1") }
        let verifier = try NoteVerifierKey(name: witnessName, type: .cosignatureV1, publicKey: key.publicKey)
        let timestamp = withUnsafeBytes(of: time.bigEndian) { Array($0) }
        return NoteSignature(name: witnessName, keyID: verifier.keyID, signature: timestamp + key.sign(message(text: text, time: time)))
    }

    /// Verifies the cosignature of `witness` on `note`, returning its time. Throws if there is
    /// none or it does not verify.
    public static func verify(_ note: SignedNote, witness: NoteVerifierKey) throws(AuditLogError) -> UInt64 {
        guard witness.type == .cosignatureV1 else { throw .badSignature("\(witness.name) is not a witness key") }
        guard let line = note.signatures(by: witness).first else { throw .badSignature("no cosignature by \(witness.name)") }
        guard line.signature.count == 8 + SigningPublicKey.signatureByteCount else {
            throw .badSignature("the cosignature by \(witness.name) has the wrong length")
        }
        let time = line.signature.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let signature = Array(line.signature.dropFirst(8))
        guard witness.publicKey.isValidSignature(signature, for: message(text: note.text, time: time)) else {
            throw .badSignature("the cosignature by \(witness.name) does not verify")
        }
        return time
    }
}
