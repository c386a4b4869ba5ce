import AuditLog
import Foundation
import GrievanceCrypto

/// Changing people: roles, disabling, new keys. Each change bumps the principals generation,
/// so filings re-read the routing, and takes away the keys a person may no longer hold.
extension CaseService {
    /// Replaces a person's roles. Granting `admin` gives them the log key; taking it away, or
    /// taking away every role that reads cases, deletes their copies of the keys at once.
    public func setRoles(of id: String, to roles: Set<Role>, by actor: UnlockedPrincipal) throws {
        guard !roles.isEmpty else { throw CasesError.invalid("roles", "give at least one role") }
        try transaction { repository in
            try requireAdmin(actor, action: "principal.set-roles")
            guard let stored = try repository.principal(id: id) else { throw CasesError.noSuchPrincipal(id) }
            guard !stored.principal.isDisabled else { throw CasesError.invalid("handler", "\(id) is disabled") }
            guard id != actor.id || roles.contains(.admin) else {
                throw CasesError.invalid("roles", "you cannot take away your own administrator role; ask another administrator")
            }
            let updated = stored.principal.with(roles: roles)
            try repository.updatePrincipal(StoredPrincipal(principal: updated, wrappedBoxSecret: stored.wrappedBoxSecret,
                                                           wrappedSigningSecret: stored.wrappedSigningSecret))
            var details = [AuditDetail("id", id), AuditDetail("roles", roles.sorted().map(\.rawValue).joined(separator: ","))]
            if roles.contains(.admin), !stored.principal.roles.contains(.admin) {
                details.append(AuditDetail("log-key", try grantLogKey(to: updated, by: actor, repository: repository) ? "granted" : "not-held"))
            } else if !roles.contains(.admin) {
                try repository.deleteSetting(Self.logKeySealSetting(id))
            }
            if !updated.readsContent {
                details.append(AuditDetail("revoked", String(try revokeAllSeals(of: id, repository: repository))))
            }
            try repository.audit(AuditEntryDraft(actor: actor.id, action: "principal.roles-set", details: details, time: clock()))
        }
    }

    /// Disables an account: it can no longer act, and every case key and log key sealed to it is
    /// deleted (with `secure_delete`, overwritten), so even its passphrase opens nothing.
    public func disablePrincipal(_ id: String, by actor: UnlockedPrincipal) throws {
        try transaction { repository in
            try requireAdmin(actor, action: "principal.disable")
            guard id != actor.id else { throw CasesError.invalid("handler", "you cannot disable yourself; ask another administrator") }
            guard let stored = try repository.principal(id: id) else { throw CasesError.noSuchPrincipal(id) }
            guard !stored.principal.isDisabled else { throw CasesError.invalid("handler", "\(id) is already disabled") }
            try repository.updatePrincipal(StoredPrincipal(principal: stored.principal.with(isDisabled: true),
                                                           wrappedBoxSecret: stored.wrappedBoxSecret,
                                                           wrappedSigningSecret: stored.wrappedSigningSecret))
            try repository.deleteSetting(Self.logKeySealSetting(id))
            let revoked = try revokeAllSeals(of: id, repository: repository)
            try repository.audit(AuditEntryDraft(actor: actor.id, action: "principal.disabled",
                                                 details: [AuditDetail("id", id), AuditDetail("revoked", String(revoked))], time: clock()))
        }
    }

    /// Gives `actor` new key pairs under a new passphrase and re-seals every case key (and the
    /// log key) they hold to the new public key. The old wrapped keys are overwritten.
    public func rotateKeys(of actor: UnlockedPrincipal, newPassphrase: SecureBytes) throws -> UnlockedPrincipal {
        guard !actor.principal.isDisabled else { throw CasesError.notAllowed("this account is disabled", hint: "ask an administrator") }
        let (stored, rotated) = try freshKeys(for: actor.principal, passphrase: newPassphrase)
        let box = rotated.boxKeyPair
        try transaction { repository in
            guard let current = try repository.principal(id: actor.id)?.principal, current.boxPublicKey == actor.principal.boxPublicKey else {
                throw CasesError.invalid("keys", "they changed since you unlocked them; run the command again")
            }
            let seals = try repository.seals(recipient: actor.id)
            for (reference, sealed) in seals {
                let key: SymmetricKey
                do {
                    key = try CaseKeyEnvelope.open(sealed, caseReference: reference, with: actor.boxKeyPair)
                } catch {
                    throw CasesError.damaged("the key of \(reference) sealed to \(actor.id)")
                }
                try repository.replaceSeal(reference: reference, recipient: actor.id,
                                           sealed: CaseKeyEnvelope.seal(key, caseReference: reference, to: box.publicKey))
            }
            if try repository.setting(Self.logKeySealSetting(actor.id)) != nil {
                let logKey = try openLogKey(as: actor, repository: repository)
                try repository.setSetting(Self.logKeySealSetting(actor.id), SealedBox.seal(logKey.secretKey, to: box.publicKey))
            }
            try repository.updatePrincipal(stored)
            try repository.audit(AuditEntryDraft(actor: actor.id, action: "principal.keys-rotated",
                                                 details: [AuditDetail("cases", String(seals.count))], time: clock()))
        }
        return rotated
    }

    private func requireAdmin(_ actor: UnlockedPrincipal, action: String) throws {
        guard actor.principal.roles.contains(.admin), !actor.principal.isDisabled else {
            throw Self.denial(.notAllowed("only an administrator changes people", hint: "ask an administrator; the attempt was logged"), actor: actor.id, action: action, reference: nil, reason: "role")
        }
    }

    private func revokeAllSeals(of id: String, repository: any CaseRepository) throws -> Int {
        let seals = try repository.seals(recipient: id)
        for (reference, _) in seals { try repository.deleteSeal(reference: reference, recipient: id) }
        return seals.count
    }
}

extension CaseService {
    /// Brings back a person who lost their passphrase, on the authority of the organisation's
    /// recovery key alone (it can open every case already): new key pairs under a new
    /// passphrase, and every case key they held — and the log key, for an administrator —
    /// sealed again to them from the recovery key's copy. Logged as done by `recovery-key`.
    public func recoverPrincipal(_ id: String, recoveryKey: BoxKeyPair, newPassphrase: SecureBytes) throws {
        guard recoveryKey.publicKey.bytes == recoveryPublicKey.bytes else {
            throw CasesError.invalid("recovery-key", "it is not this organisation's recovery key")
        }
        guard let current = try storage.read({ try $0.principal(id: id) })?.principal else { throw CasesError.noSuchPrincipal(id) }
        let (replacement, recovered) = try freshKeys(for: current, passphrase: newPassphrase)
        let box = recovered.boxKeyPair
        try transaction { repository in
            guard let stored = try repository.principal(id: id), stored.principal == current else {
                throw CasesError.invalid("handler", "\(id) changed meanwhile; run the command again")
            }
            guard !stored.principal.isDisabled else { throw CasesError.invalid("handler", "\(id) is disabled") }
            let seals = try repository.seals(recipient: id)
            for (reference, _) in seals {
                guard let recoverySeal = try repository.seal(reference: reference, recipient: Self.recoveryRecipient),
                      let key = try? CaseKeyEnvelope.open(recoverySeal, caseReference: reference, with: recoveryKey)
                else { throw CasesError.damaged("the recovery key's copy of the key of \(reference)") }
                try repository.replaceSeal(reference: reference, recipient: id,
                                           sealed: CaseKeyEnvelope.seal(key, caseReference: reference, to: box.publicKey))
            }
            if try repository.setting(Self.logKeySealSetting(id)) != nil {
                let logKey = try openLogKey(sealedTo: Self.recoveryRecipient, with: recoveryKey, repository: repository)
                try repository.setSetting(Self.logKeySealSetting(id), SealedBox.seal(logKey.secretKey, to: box.publicKey))
            }
            try repository.updatePrincipal(replacement)
            try repository.audit(AuditEntryDraft(actor: "recovery-key", action: "principal.recovered",
                                                 details: [AuditDetail("id", id), AuditDetail("cases", String(seals.count))], time: clock()))
        }
    }
}
