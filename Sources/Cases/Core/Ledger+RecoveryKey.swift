import GrievanceCrypto

extension Ledger {
    /// The recovery key as the database holds it now — rotated, perhaps, since this process
    /// opened the data directory (a server runs for months) — and only if the organisation
    /// key vouches for it: a key someone wrote into the database gets nothing sealed to it.
    func recoveryKey(in repository: any CaseRepository) throws -> BoxPublicKey {
        guard let bytes = try repository.setting(Administration.recoveryKeySetting) else { throw CasesError.damaged("the recovery key (missing)") }
        if bytes == recoveryPublicKey.bytes { return recoveryPublicKey }
        guard let key = try? BoxPublicKey(bytes: bytes), let signature = try repository.setting(Administration.recoveryKeySignatureSetting),
              certification.endorses(recoveryKey: key, signature: signature)
        else { throw CasesError.damaged("the recovery key, which the organisation key does not vouch for") }
        return key
    }
}
