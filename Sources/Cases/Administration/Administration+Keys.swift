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
}
