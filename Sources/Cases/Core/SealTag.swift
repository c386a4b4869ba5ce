import GrievanceCrypto

/// A seal row's proof that someone holding the case key made it: a MAC, under the key of the
/// epoch, of the case, the recipient, the epoch and whether it was an assignment. Whoever can
/// write the database but holds no case key cannot add a row that re-keying or recovery would
/// honour; a seal without a valid tag is dropped there.
enum SealTag {
    static func make(key: SymmetricKey, reference: CaseReference, recipient: String, epoch: Int, assigned: Bool) -> [UInt8] {
        let message = Array("grievance/v1/seal-tag\0\(reference.rawValue)\0\(recipient)\0\(epoch)\0\(assigned ? 1 : 0)".utf8)
        return try! BLAKE2b.hash(message, key: key.secret).bytes  // a 32-byte key is a valid BLAKE2b key
    }

    static func verify(_ tag: [UInt8]?, key: SymmetricKey, reference: CaseReference, recipient: String, epoch: Int, assigned: Bool) -> Bool {
        guard let tag else { return false }
        return ConstantTime.isEqual(tag, make(key: key, reference: reference, recipient: recipient, epoch: epoch, assigned: assigned))
    }
}
