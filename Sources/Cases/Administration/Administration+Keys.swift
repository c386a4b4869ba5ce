import AuditLog
import Foundation
import GrievanceCrypto

extension Administration {
    static let boxPurpose = "grievance/v1/principal-box-secret"
    static let signingPurpose = "grievance/v1/principal-signing-secret"

    /// New key pairs for `principal`, their secret halves wrapped under `passphrase`. Runs
    /// Argon2id twice: call it before a transaction, never inside one.
    func freshKeys(for principal: Principal, passphrase: Passphrase) throws -> (stored: StoredPrincipal, unlocked: UnlockedPrincipal) {
        let secret = try passphrase.checkedNew()
        let box = BoxKeyPair.generate()
        let signing = SigningKeyPair.generate()
        let updated = principal.with(boxPublicKey: box.publicKey.bytes, signingPublicKey: signing.publicKey.bytes)
        let stored = StoredPrincipal(
            principal: updated,
            wrappedBoxSecret: try WrappedSecret.wrap(box.secretKey, passphrase: secret, purpose: Self.boxPurpose, parameters: keyParameters),
            wrappedSigningSecret: try WrappedSecret.wrap(signing.secretKey, passphrase: secret, purpose: Self.signingPurpose, parameters: keyParameters),
            certificate: nil)
        return (stored, UnlockedPrincipal(principal: updated, boxKeyPair: box, signingKeyPair: signing))
    }

    /// Unwraps a person's secret keys. A wrong passphrase is refused and logged.
    public func unlock(id: String, passphrase: Passphrase) throws -> UnlockedPrincipal {
        guard let stored = try ledger.storage.read({ try $0.principal(id: id) }) else { throw CasesError(.noSuchPerson(id)) }
        do {
            let box = try BoxKeyPair(secretKey: stored.wrappedBoxSecret.unwrap(passphrase: passphrase.bytes, purpose: Self.boxPurpose))
            let signing = try SigningKeyPair(secretKey: stored.wrappedSigningSecret.unwrap(passphrase: passphrase.bytes, purpose: Self.signingPurpose))
            guard box.publicKey.bytes == stored.principal.boxPublicKey, signing.publicKey.bytes == stored.principal.signingPublicKey else {
                throw CasesError.damaged("the keys of \(id)")
            }
            return UnlockedPrincipal(principal: stored.principal, boxKeyPair: box, signingKeyPair: signing)
        } catch let error as CryptoError where error == .wrongPassphrase {
            try ledger.refuse(AccessDenial(.wrongPassphrase, actor: id, attempted: "unlock", reference: nil, reason: "wrong-passphrase"))
        }
    }

    /// Gives `actor` new key pairs under a new passphrase and re-seals every case key (and the
    /// administrators' keys) they hold to the new public key. Their certificate gains a link
    /// signed with their old key, naming the new. The old wrapped keys are overwritten.
    public func rotateKeys(of actor: UnlockedPrincipal, newPassphrase: Passphrase) throws -> UnlockedPrincipal {
        guard !actor.principal.isDisabled else { throw CasesError(.refused(.disabled)) }
        let (stored, rotated) = try freshKeys(for: actor.principal, passphrase: newPassphrase)
        let box = rotated.boxKeyPair
        try ledger.transaction { repository in
            guard let currentStored = try repository.principal(id: actor.id), currentStored.principal.boxPublicKey == actor.principal.boxPublicKey else {
                throw CasesError.invalid(.keys, .changedMeanwhile)
            }
            let current = currentStored.principal
            let seals = try repository.seals(recipient: actor.id)
            for (reference, sealed) in seals {
                let key: SymmetricKey
                do {
                    key = try CaseKeyEnvelope.open(sealed, caseReference: reference.rawValue, with: actor.boxKeyPair)
                } catch {
                    throw CasesError.damaged("the key of \(reference) sealed to \(actor.id)")
                }
                try repository.replaceSeal(reference: reference, recipient: actor.id,
                                           sealed: CaseKeyEnvelope.seal(key, caseReference: reference.rawValue, to: box.publicKey))
            }
            if try repository.setting(Self.logKeySealSetting(actor.id)) != nil {
                let logKey = try openLogKey(as: actor, repository: repository)
                try repository.setSetting(Self.logKeySealSetting(actor.id), SealedBox.seal(logKey.secretKey, to: box.publicKey))
            }
            if try repository.setting(Self.organisationKeySealSetting(actor.id)) != nil {
                let organisationKey = try openOrganisationKey(sealedTo: actor.id, with: actor.boxKeyPair, repository: repository)
                try repository.setSetting(Self.organisationKeySealSetting(actor.id), SealedBox.seal(organisationKey.secretKey, to: box.publicKey))
            }
            let updated = stored.principal.with(roles: current.roles, isDisabled: current.isDisabled)
            let previous = currentStored.certificate.flatMap(Certificate.init(serialized:)) ?? Certificate(links: [])
            let certificate = previous.rotated(to: updated, origin: ledger.certification.origin, signedWith: actor.signingKeyPair)
            try repository.updatePrincipal(stored.with(principal: updated, certificate: certificate))
            try repository.audit(ledger.entry(actor.id, "principal.keys-rotated", nil, [
                AuditDetail("cases", String(seals.count)), AuditDetail("fingerprint", updated.keyFingerprint),
                AuditDetail("generation", String(certificate.generation)),
            ]))
        }
        return rotated
    }

    /// Brings back a person who lost their passphrase, on the authority of the organisation's
    /// recovery key alone (it can open every case already): new key pairs under a new
    /// passphrase, certified by the organisation key (the recovery key holds a copy), and every
    /// case key they held — and the administrators' keys, for an administrator — sealed again
    /// to them from the recovery key's copy. Logged as done by `recovery-key`.
    public func recoverPrincipal(_ id: String, recoveryKey: RecoveryKey, newPassphrase: Passphrase) throws {
        guard recoveryKey.keyPair.publicKey.bytes == recoveryPublicKey.bytes else { throw CasesError.invalid(.recoveryKey, .notThisOrganisations) }
        guard let current = try ledger.storage.read({ try $0.principal(id: id) })?.principal else { throw CasesError(.noSuchPerson(id)) }
        let (replacement, recovered) = try freshKeys(for: current, passphrase: newPassphrase)
        try ledger.transaction { repository in
            guard let stored = try repository.principal(id: id), stored.principal == current else { throw CasesError.invalid(.person, .changedMeanwhile) }
            guard !stored.principal.isDisabled else { throw CasesError.invalid(.person, .disabled) }
            let seals = try repository.seals(recipient: id)
            for (reference, _) in seals {
                guard let recoverySeal = try repository.seal(reference: reference, recipient: Ledger.recoveryRecipient)?.sealed,
                      let key = try? CaseKeyEnvelope.open(recoverySeal, caseReference: reference.rawValue, with: recoveryKey.keyPair)
                else { throw CasesError.damaged("the recovery key's copy of the key of \(reference)") }
                try repository.replaceSeal(reference: reference, recipient: id,
                                           sealed: CaseKeyEnvelope.seal(key, caseReference: reference.rawValue, to: recovered.boxKeyPair.publicKey))
            }
            if try repository.setting(Self.logKeySealSetting(id)) != nil {
                let logKey = try openLogKey(sealedTo: Ledger.recoveryRecipient, with: recoveryKey.keyPair, repository: repository)
                try repository.setSetting(Self.logKeySealSetting(id), SealedBox.seal(logKey.secretKey, to: recovered.boxKeyPair.publicKey))
            }
            let organisationKey = try openOrganisationKey(sealedTo: Ledger.recoveryRecipient, with: recoveryKey.keyPair, repository: repository)
            if try repository.setting(Self.organisationKeySealSetting(id)) != nil {
                try repository.setSetting(Self.organisationKeySealSetting(id), SealedBox.seal(organisationKey.secretKey, to: recovered.boxKeyPair.publicKey))
            }
            let generation = (stored.certificate.flatMap(Certificate.init(serialized:))?.generation ?? 0) + 1
            let certificate = Certificate(links: [CertificateLink.sign(replacement.principal, origin: ledger.certification.origin, generation: generation,
                                                                       issuer: .organisation, with: organisationKey)])
            try repository.updatePrincipal(replacement.with(certificate: certificate))
            try repository.audit(ledger.entry("recovery-key", "principal.recovered", nil, [
                AuditDetail("id", id), AuditDetail("cases", String(seals.count)), AuditDetail("fingerprint", replacement.principal.keyFingerprint),
                AuditDetail("generation", String(generation)),
            ]))
        }
    }
}
