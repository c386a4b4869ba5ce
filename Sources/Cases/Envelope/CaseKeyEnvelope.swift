import GrievanceCrypto

/// A case key sealed to one recipient (a principal, the recovery key, the reporter). The sealed
/// message carries the case reference after the key, so a seal copied to another case's row is
/// refused when opened rather than quietly yielding the wrong case's key.
public enum CaseKeyEnvelope {
    public static func seal(_ key: SymmetricKey, caseReference: String, to recipient: BoxPublicKey) -> [UInt8] {
        let reference = Array(caseReference.utf8)
        // The key is copied only into this stack buffer, which is zeroed before it goes away: a
        // guarded allocation per recipient cost more than the sealing itself.
        return withUnsafeTemporaryAllocation(byteCount: SymmetricKey.byteCount + reference.count, alignment: 16) { message in
            defer { ConstantTime.zero(message) }
            key.secret.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: message[0..<SymmetricKey.byteCount]).copyMemory(from: $0) }
            reference.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: message[SymmetricKey.byteCount...]).copyMemory(from: $0) }
            return SealedBox.seal(UnsafeRawBufferPointer(message), to: recipient)
        }
    }

    public static func open(_ sealed: [UInt8], caseReference: String, with keyPair: BoxKeyPair) throws(CryptoError) -> SymmetricKey {
        let message = try SealedBox.openSecret(sealed, with: keyPair)
        let reference = Array(caseReference.utf8)
        let belongs = message.withUnsafeBytes { bytes in
            bytes.count == SymmetricKey.byteCount + reference.count
                && bytes[SymmetricKey.byteCount...].elementsEqual(reference)
        }
        guard belongs else { throw .authenticationFailed }
        let key = SecureBytes.make(count: SymmetricKey.byteCount) { out in
            message.withUnsafeBytes { out.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[0..<SymmetricKey.byteCount])) }
        }
        return try SymmetricKey(secret: key)
    }
}
