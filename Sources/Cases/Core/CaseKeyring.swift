import GrievanceCrypto

/// A case's data keys: the current one — which its seals hold and new records are sealed
/// under — and each earlier one, unwrapped from the history re-keying kept, for the records
/// written before. A holder removed at an epoch holds none of the keys from it on.
struct CaseKeyring {
    let epoch: Int
    let current: SymmetricKey
    private let earlier: [Int: SymmetricKey]

    /// A new case's first key.
    init(first key: SymmetricKey) {
        self.init(epoch: 0, current: key, earlier: [:])
    }

    private init(epoch: Int, current: SymmetricKey, earlier: [Int: SymmetricKey]) {
        self.epoch = epoch
        self.current = current
        self.earlier = earlier
    }

    /// The keyring of a case whose current key (at `epoch`) was opened from a seal, with each
    /// earlier key unwrapped from `wrapped` (by the epoch of the key that wraps it).
    init(reference: CaseReference, epoch: Int, current: SymmetricKey, wrapped: [Int: [UInt8]]) throws {
        var earlier: [Int: SymmetricKey] = [:]
        var key = current
        for successor in stride(from: epoch, to: 0, by: -1) {
            guard let sealed = wrapped[successor],
                  let secret = try? XChaCha20Poly1305.openSecret(sealed, key: key, associatedData: Self.associatedData(reference, successor)),
                  let previous = try? SymmetricKey(secret: secret)
            else { throw CasesError.damaged("the key history of \(reference)") }
            earlier[successor - 1] = previous
            key = previous
        }
        self.init(epoch: epoch, current: current, earlier: earlier)
    }

    /// The key records of `epoch` were sealed under.
    func key(for epoch: Int) throws -> SymmetricKey {
        if epoch == self.epoch { return current }
        guard let key = earlier[epoch] else { throw CasesError.damaged("a record sealed under an unknown key epoch \(epoch)") }
        return key
    }

    /// The next epoch's key, and the current one wrapped under it for the history.
    func advanced(reference: CaseReference) -> (keyring: CaseKeyring, wrappedPrevious: [UInt8]) {
        let next = SymmetricKey.generate()
        let wrapped = XChaCha20Poly1305.seal(current.secret, key: next, associatedData: Self.associatedData(reference, epoch + 1))
        var earlier = self.earlier
        earlier[epoch] = current
        return (CaseKeyring(epoch: epoch + 1, current: next, earlier: earlier), wrapped)
    }

    /// Binds a wrapped key to its case and epoch, so that history cannot be moved between them.
    private static func associatedData(_ reference: CaseReference, _ epoch: Int) -> [UInt8] {
        Array("grievance/v1/case-key-history\0\(reference.rawValue)\0\(epoch)".utf8)
    }
}
