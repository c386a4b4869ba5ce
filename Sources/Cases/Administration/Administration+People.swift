import AuditLog
import Foundation
import GrievanceCrypto

/// Adding and changing people. Each change bumps the principals generation, so filings re-read
/// the routing, and takes away the keys a person may no longer hold.
extension Administration {
    /// Adds a person with fresh key pairs, their secret halves wrapped under `passphrase`. Only an
    /// administrator may add people, except the very first, who must be an administrator.
    @discardableResult
    public func addPrincipal(id: String, name: String, roles: Set<Role>, passphrase: Passphrase, by actor: UnlockedPrincipal?) throws -> Principal {
        try Principal.checkNewID(id)
        guard !name.isEmpty, name.utf8.count <= 200 else { throw CasesError.invalid(.name, name.isEmpty ? .empty : .tooLong(maximumBytes: 200)) }
        guard !roles.isEmpty else { throw CasesError.invalid(.roles, .empty) }
        // Argon2id runs before the transaction: a slow KDF must not hold the write lock.
        let (stored, _) = try freshKeys(
            for: Principal(id: id, name: name, roles: roles, boxPublicKey: [], signingPublicKey: [], isDisabled: false), passphrase: passphrase)
        return try ledger.transaction { repository in
            let existing = try repository.principals()
            if let actor {
                try requireAdministrator(actor, for: .addPeople, repository: repository)
            } else {
                guard existing.isEmpty, roles.contains(.admin) else { throw CasesError(.firstPersonMustAdminister) }
            }
            guard !existing.contains(where: { $0.principal.id == id }) else { throw CasesError(.duplicate(.person(id))) }
            try repository.insertPrincipal(stored)
            var details = [AuditDetail("id", id), AuditDetail("roles", roles.sorted().map(\.rawValue).joined(separator: ","))]
            if let actor, roles.contains(.admin) {
                details.append(AuditDetail("log-key", try grantLogKey(to: stored.principal, by: actor, repository: repository) ? "granted" : "not-held"))
            }
            try repository.audit(ledger.entry(actor?.id ?? "system", "principal.added", nil, details))
            return stored.principal
        }
    }

    /// Replaces a person's roles. Granting `admin` gives them the log key; taking it away, or
    /// leaving them no role that could ever hold a case, deletes their copies of the keys at once.
    public func setRoles(of id: String, to roles: Set<Role>, by actor: UnlockedPrincipal) throws {
        guard !roles.isEmpty else { throw CasesError.invalid(.roles, .empty) }
        try ledger.transaction { repository in
            try requireAdministrator(actor, for: .setRoles, repository: repository)
            guard let stored = try repository.principal(id: id) else { throw CasesError(.noSuchPerson(id)) }
            guard !stored.principal.isDisabled else { throw CasesError.invalid(.person, .disabled) }
            guard id != actor.id || roles.contains(.admin) else { throw CasesError.invalid(.roles, .ownAdministratorRole) }
            let updated = stored.principal.with(roles: roles)
            try repository.updatePrincipal(stored.with(principal: updated))
            var details = [AuditDetail("id", id), AuditDetail("roles", roles.sorted().map(\.rawValue).joined(separator: ","))]
            if roles.contains(.admin), !stored.principal.roles.contains(.admin) {
                details.append(AuditDetail("log-key", try grantLogKey(to: updated, by: actor, repository: repository) ? "granted" : "not-held"))
            } else if !roles.contains(.admin) {
                try repository.deleteSetting(Self.logKeySealSetting(id))
            }
            if !Access.mayEverHold(updated) {
                details.append(AuditDetail("revoked", String(try revokeAllSeals(of: id, repository: repository))))
            }
            try repository.audit(ledger.entry(actor.id, "principal.roles-set", nil, details))
        }
    }

    /// Disables an account: it can no longer act, and every case key and log key sealed to it is
    /// deleted (with `secure_delete`, overwritten), so even its passphrase opens nothing.
    public func disablePrincipal(_ id: String, by actor: UnlockedPrincipal) throws {
        try ledger.transaction { repository in
            try requireAdministrator(actor, for: .disablePeople, repository: repository)
            guard id != actor.id else { throw CasesError.invalid(.person, .selfDisable) }
            guard let stored = try repository.principal(id: id) else { throw CasesError(.noSuchPerson(id)) }
            guard !stored.principal.isDisabled else { throw CasesError.invalid(.person, .alreadyDisabled) }
            try repository.updatePrincipal(stored.with(principal: stored.principal.with(isDisabled: true)))
            try repository.deleteSetting(Self.logKeySealSetting(id))
            let revoked = try revokeAllSeals(of: id, repository: repository)
            try repository.audit(ledger.entry(actor.id, "principal.disabled", nil, [AuditDetail("id", id), AuditDetail("revoked", String(revoked))]))
        }
    }

    private func revokeAllSeals(of id: String, repository: any CaseRepository) throws -> Int {
        let seals = try repository.seals(recipient: id)
        for (reference, _) in seals { try repository.deleteSeal(reference: reference, recipient: id) }
        return seals.count
    }
}
