import AuditLog
import GrievanceCrypto

extension Administration {
    /// Replaces the organisation's recovery key, on the authority of the current one: every
    /// case key, the log key and the organisation key sealed to it are sealed to a new key pair
    /// instead, which the organisation key endorses, in one transaction. The new key's secret
    /// exists only in what is returned. A running server seals new cases to the new key from
    /// its next filing. Backups made before stay sealed to the old key: keep it until they have
    /// expired. Logged as done by `recovery-key`. `beforeCommit` receives the new key while the
    /// transaction is still open (to write it to its file): if it throws, nothing changes, so the
    /// rotation is never in force without its key kept.
    public func rotateRecoveryKey(_ current: RecoveryKey, beforeCommit: (RecoveryKey) throws -> Void = { _ in }) throws -> RecoveryKey {
        let fresh = BoxKeyPair.generate()
        try ledger.transaction { repository in
            let stored = try ledger.recoveryKey(in: repository)
            guard stored.bytes == current.keyPair.publicKey.bytes else { throw CasesError.invalid(.recoveryKey, .notThisOrganisations) }
            let organisationKey = try openOrganisationKey(sealedTo: Ledger.recoveryRecipient, with: current.keyPair, repository: repository)
            let logKey = try openLogKey(sealedTo: Ledger.recoveryRecipient, with: current.keyPair, repository: repository)
            let seals = try repository.seals(recipient: Ledger.recoveryRecipient)
            for (reference, sealed) in seals {
                guard let key = try? CaseKeyEnvelope.open(sealed, caseReference: reference.rawValue, with: current.keyPair) else {
                    throw CasesError.damaged("the recovery key's copy of the key of \(reference)")
                }
                try repository.replaceSeal(reference: reference, recipient: Ledger.recoveryRecipient,
                                           sealed: CaseKeyEnvelope.seal(key, caseReference: reference.rawValue, to: fresh.publicKey))
            }
            try repository.setSetting(Self.logKeySealSetting(Ledger.recoveryRecipient), SealedBox.seal(logKey.secretKey, to: fresh.publicKey))
            try repository.setSetting(Self.organisationKeySealSetting(Ledger.recoveryRecipient),
                                      SealedBox.seal(organisationKey.secretKey, to: fresh.publicKey))
            try repository.setSetting(Self.recoveryKeySetting, fresh.publicKey.bytes)
            try repository.setSetting(Self.recoveryKeySignatureSetting,
                                      organisationKey.sign(Certification.recoveryKeyStatement(fresh.publicKey, origin: ledger.certification.origin)))
            try repository.audit(ledger.entry("recovery-key", "recovery-key.rotated", nil, [
                AuditDetail("from", Hex.encode(stored.bytes)), AuditDetail("to", Hex.encode(fresh.publicKey.bytes)),
                AuditDetail("cases", String(seals.count)),
            ]))
            try beforeCommit(RecoveryKey(fresh))
        }
        return RecoveryKey(fresh)
    }
}
