import AuditLog
import Foundation
import GrievanceCrypto

/// Adding and changing people. Each change bumps the principals generation, so filings re-read
/// the routing, re-certifies the person, and takes away the keys they may no longer hold.
extension Administration {
    /// The first administrator, made by `init` with the passphrase its runner typed for
    /// themselves, and certified by the organisation key there and then.
    func addFirstAdministrator(id: String, name: String, passphrase: Passphrase, certify: (Principal) -> Certificate) throws {
        try Principal.checkNewID(id)
        guard !name.isEmpty, name.utf8.count <= 200 else { throw CasesError.invalid(.name, name.isEmpty ? .empty : .tooLong(maximumBytes: 200)) }
        // Argon2id runs before the transaction: a slow KDF must not hold the write lock.
        let (uncertified, _) = try freshKeys(
            for: Principal(id: id, name: name, roles: [.admin], boxPublicKey: [], signingPublicKey: [], isDisabled: false), passphrase: passphrase)
        try ledger.transaction { repository in
            guard try repository.principals().isEmpty else { throw CasesError(.firstPersonMustAdminister) }
            let certificate = certify(uncertified.principal)
            try repository.insertPrincipal(uncertified.with(certificate: certificate))
            try repository.audit(ledger.entry("system", "principal.added", nil, [
                AuditDetail("id", id), AuditDetail("roles", Role.admin.rawValue), AuditDetail("fingerprint", uncertified.principal.keyFingerprint),
                AuditDetail("generation", String(certificate.generation)),
            ]))
        }
    }

    /// Replaces a person's roles, and certifies them anew. Granting `admin` gives them the
    /// administrators' keys; taking it away, or leaving them no role that could ever hold a
    /// case, deletes their copies of the keys at once. A person whose keys are not certified
    /// now is refused: certifying them would vouch for keys nobody knows are theirs.
    public func setRoles(of id: String, to roles: Set<Role>, by actor: UnlockedPrincipal) throws {
        try Principal.checkRoles(roles)
        try ledger.transaction { repository in
            try requireAdministrator(actor, for: .setRoles, repository: repository)
            guard let stored = try repository.principal(id: id) else { throw CasesError(.noSuchPerson(id)) }
            guard !stored.principal.isDisabled else { throw CasesError.invalid(.person, .disabled) }
            guard id != actor.id || roles.contains(.admin) else { throw CasesError.invalid(.roles, .ownAdministratorRole) }
            let before = ledger.certification.verdicts(try repository.principals())
            if case .untrusted(let why) = before[id] ?? .untrusted("is unknown") { throw CasesError.invalid(.person, .untrusted(why)) }
            let updated = stored.principal.with(roles: roles)
            let certificate = try certify(updated, after: stored.certificate, by: actor, repository: repository)
            try repository.updatePrincipal(stored.with(principal: updated, certificate: certificate))
            var details = [AuditDetail("id", id), AuditDetail("roles", roles.sorted().map(\.rawValue).joined(separator: ",")),
                           AuditDetail("fingerprint", updated.keyFingerprint), AuditDetail("generation", String(certificate.generation))]
            if roles.contains(.admin), !stored.principal.roles.contains(.admin) {
                details += try grantAdministratorKeys(to: id, key: try BoxPublicKey(bytes: updated.boxPublicKey), by: actor, repository: repository)
            } else if !roles.contains(.admin) {
                try withdrawAdministratorKeys(from: id, repository: repository)
                if stored.principal.roles.contains(.admin) {
                    let recertified = try recertifyVouchedFor(by: id, trustedBefore: before, actor: actor, repository: repository)
                    details.append(AuditDetail("recertified", String(recertified)))
                }
            }
            if !Access.mayEverHold(updated) {
                details.append(AuditDetail("revoked", String(try revokeAllSeals(of: id, repository: repository))))
            }
            try repository.audit(ledger.entry(actor.id, "principal.roles-set", nil, details))
        }
    }

    /// Disables an account: it can no longer act, its certificate says so, and every case key
    /// and administrator's key sealed to it is deleted (with `secure_delete`, overwritten), so
    /// even its passphrase opens nothing. Whoever a disabled administrator vouched for is
    /// vouched for again by `actor`.
    public func disablePrincipal(_ id: String, by actor: UnlockedPrincipal) throws {
        try ledger.transaction { repository in
            try requireAdministrator(actor, for: .disablePeople, repository: repository)
            guard id != actor.id else { throw CasesError.invalid(.person, .selfDisable) }
            guard let stored = try repository.principal(id: id) else { throw CasesError(.noSuchPerson(id)) }
            guard !stored.principal.isDisabled else { throw CasesError.invalid(.person, .alreadyDisabled) }
            let before = ledger.certification.verdicts(try repository.principals())
            let disabled = stored.principal.with(isDisabled: true)
            // A disabled row need not be trusted to be disabled: it is certified as disabled
            // when its keys are certified, and only loses its seals when they are not.
            if before[id] == .trusted {
                try repository.updatePrincipal(stored.with(principal: disabled, certificate: try certify(disabled, after: stored.certificate, by: actor,
                                                                                                         repository: repository)))
            } else {
                try repository.updatePrincipal(StoredPrincipal(principal: disabled, wrappedBoxSecret: stored.wrappedBoxSecret,
                                                               wrappedSigningSecret: stored.wrappedSigningSecret, certificate: stored.certificate))
            }
            try withdrawAdministratorKeys(from: id, repository: repository)
            let revoked = try revokeAllSeals(of: id, repository: repository)
            var details = [AuditDetail("id", id), AuditDetail("revoked", String(revoked))]
            if stored.principal.roles.contains(.admin) {
                details.append(AuditDetail("recertified", String(try recertifyVouchedFor(by: id, trustedBefore: before, actor: actor, repository: repository))))
            }
            try repository.audit(ledger.entry(actor.id, "principal.disabled", nil, details))
        }
    }

    /// Deletes every case key sealed to `id`, and marks each case's key stale: an
    /// administrator holds no case key to re-key with, so the next holder to open the case
    /// re-keys it before anything more is written (`Ledger.keyring`).
    private func revokeAllSeals(of id: String, repository: any CaseRepository) throws -> Int {
        let seals = try repository.seals(recipient: id)
        for (reference, _) in seals {
            try repository.deleteSeal(reference: reference, recipient: id)
            try repository.markCaseKeyStale(reference: reference)
        }
        return seals.count
    }
}
