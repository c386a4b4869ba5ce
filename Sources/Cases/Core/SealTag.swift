import GrievanceCrypto

/// A seal row's proof that someone holding the case key made it: a MAC, under the key of the
/// epoch, of the case, the recipient, the epoch and whether it was an assignment. Whoever can
/// write the database but holds no case key cannot add a row that re-keying or recovery would
/// honour; a seal without a valid tag is dropped there. The recovery key's and the reporter's
/// rows need none: re-keying seals to their keys as the organisation key and the complaint
/// record vouch for them, whatever a row says.
enum SealTag {
    /// 128 bits: a forger gets one try per re-key, and every filing writes four of these.
    static let byteCount = 16

    static func make(key: SymmetricKey, reference: CaseReference, recipient: String, epoch: Int, assigned: Bool) -> [UInt8] {
        let message = Array("grievance/v1/seal-tag\0\(reference.rawValue)\0\(recipient)\0\(epoch)\0\(assigned ? 1 : 0)".utf8)
        return Array(try! BLAKE2b.hash(message, key: key.secret).bytes.prefix(byteCount))  // a 32-byte key is a valid BLAKE2b key
    }

    /// Whether `recipient`'s row needs a tag: a person's, or one kept for someone enrolling.
    static func isNeeded(for recipient: String) -> Bool {
        recipient != Ledger.recoveryRecipient && recipient != Ledger.reporterRecipient
    }

    static func verify(_ tag: [UInt8]?, key: SymmetricKey, reference: CaseReference, recipient: String, epoch: Int, assigned: Bool) -> Bool {
        guard let tag else { return false }
        return ConstantTime.isEqual(tag, make(key: key, reference: reference, recipient: recipient, epoch: epoch, assigned: assigned))
    }
}
