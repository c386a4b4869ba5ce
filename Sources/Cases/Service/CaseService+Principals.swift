import AuditLog
import Foundation
import GrievanceCrypto

extension CaseService {
    static let boxPurpose = "grievance/v1/principal-box-secret"
    static let signingPurpose = "grievance/v1/principal-signing-secret"

    /// Adds a person with fresh key pairs, their secret halves wrapped under `passphrase`. Only an
    /// administrator may add people, except the very first, who must be an administrator.
    @discardableResult
    public func addPrincipal(
        id: String, name: String, roles: Set<Role>, passphrase: SecureBytes, by actor: UnlockedPrincipal?
    ) throws -> Principal {
        guard Principal.isValidID(id) else { throw CasesError.invalid("id", "use 1 to 64 of a-z, 0-9, '.', '-' and '_'") }
        guard !name.isEmpty, name.utf8.count <= 200 else { throw CasesError.invalid("name", "give a name of 1 to 200 bytes") }
        guard !roles.isEmpty else { throw CasesError.invalid("roles", "give at least one role") }
        guard passphrase.count >= 12 else { throw CasesError.invalid("passphrase", "use at least 12 characters") }
        // Argon2id runs before the transaction: a slow KDF must not hold the write lock.
        let (stored, _) = try freshKeys(
            for: Principal(id: id, name: name, roles: roles, boxPublicKey: [], signingPublicKey: [], isDisabled: false), passphrase: passphrase)
        let principal = stored.principal
        return try transaction { repository in
            let existing = try repository.principals()
            if let actor {
                guard actor.principal.roles.contains(.admin), !actor.principal.isDisabled else {
                    throw Self.denial(.notAllowed("only an administrator adds people", hint: "ask an administrator; the attempt was logged"), actor: actor.id, action: "principal.add",
                                      reference: nil, reason: "not-admin")
                }
            } else {
                guard existing.isEmpty, roles.contains(.admin) else {
                    throw CasesError.notAllowed("only the first person may be added without an administrator, and must be one")
                }
            }
            guard !existing.contains(where: { $0.principal.id == id }) else { throw CasesError.duplicate("a person with id \(id)") }
            try repository.insertPrincipal(stored)
            var details = [AuditDetail("id", id), AuditDetail("roles", roles.sorted().map(\.rawValue).joined(separator: ","))]
            if let actor, roles.contains(.admin) {
                details.append(AuditDetail("log-key", try grantLogKey(to: principal, by: actor, repository: repository) ? "granted" : "not-held"))
            }
            try repository.audit(AuditEntryDraft(actor: actor?.id ?? "system", action: "principal.added", details: details, time: clock()))
            return principal
        }
    }

    /// New key pairs for `principal`, their secret halves wrapped under `passphrase`. Runs
    /// Argon2id twice: call it before a transaction, never inside one.
    func freshKeys(for principal: Principal, passphrase: SecureBytes) throws -> (stored: StoredPrincipal, unlocked: UnlockedPrincipal) {
        guard passphrase.count >= 12 else { throw CasesError.invalid("passphrase", "use at least 12 characters") }
        let box = BoxKeyPair.generate()
        let signing = SigningKeyPair.generate()
        let updated = principal.with(boxPublicKey: box.publicKey.bytes, signingPublicKey: signing.publicKey.bytes)
        let stored = StoredPrincipal(
            principal: updated,
            wrappedBoxSecret: try WrappedSecret.wrap(box.secretKey, passphrase: passphrase, purpose: Self.boxPurpose, parameters: keyParameters),
            wrappedSigningSecret: try WrappedSecret.wrap(signing.secretKey, passphrase: passphrase, purpose: Self.signingPurpose,
                                                         parameters: keyParameters))
        return (stored, UnlockedPrincipal(principal: updated, boxKeyPair: box, signingKeyPair: signing))
    }

    /// Unwraps a principal's secret keys. A wrong passphrase is refused and logged.
    public func unlock(id: String, passphrase: SecureBytes) throws -> UnlockedPrincipal {
        guard let stored = try storage.read({ try $0.principal(id: id) }) else { throw CasesError.noSuchPrincipal(id) }
        do {
            let box = try BoxKeyPair(secretKey: stored.wrappedBoxSecret.unwrap(passphrase: passphrase, purpose: Self.boxPurpose))
            let signing = try SigningKeyPair(secretKey: stored.wrappedSigningSecret.unwrap(passphrase: passphrase, purpose: Self.signingPurpose))
            guard box.publicKey.bytes == stored.principal.boxPublicKey, signing.publicKey.bytes == stored.principal.signingPublicKey else {
                throw CasesError.damaged("the keys of \(id)")
            }
            return UnlockedPrincipal(principal: stored.principal, boxKeyPair: box, signingKeyPair: signing)
        } catch let error as CryptoError where error == .wrongPassphrase {
            try storage.write { repository in
                _ = try repository.audit(AuditEntryDraft(actor: id, action: "access.denied", details: [
                    AuditDetail("attempted", "unlock"), AuditDetail("reason", "wrong-passphrase")]))
            }
            throw CasesError.wrongPassphrase
        }
    }

    public func principals() throws -> [Principal] {
        try storage.read { try $0.principals().map(\.principal) }
    }
}
