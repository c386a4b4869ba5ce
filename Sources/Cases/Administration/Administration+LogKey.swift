import AuditLog
import Foundation
import GrievanceCrypto

/// The log key signs checkpoints of the audit log. Nobody holds it in clear: its secret half is
/// sealed to each administrator and to the recovery key, so the running server, which holds
/// no administrator's passphrase, cannot sign a rewritten history.
extension Administration {
    static let logKeyPublicSetting = "log-key.public"
    static func logKeySealSetting(_ recipient: String) -> String { "log-key.sealed.\(recipient)" }

    /// The key that verifies the log's checkpoints, in C2SP vkey form; nil before `init`.
    public func logVerifierKey() throws -> String? {
        guard let bytes = try ledger.storage.read({ try $0.setting(Self.logKeyPublicSetting) }) else { return nil }
        do {
            return try logVerifierKey(try SigningPublicKey(bytes: bytes)).description
        } catch {
            throw CasesError.damaged("the log's public key")
        }
    }

    func logVerifierKey(_ key: SigningPublicKey) throws -> NoteVerifierKey {
        try NoteVerifierKey(name: ledger.storage.auditOrigin, type: .ed25519, publicKey: key)
    }

    /// Signs a checkpoint of the whole log (after logging who asked for it). Only an
    /// administrator holding the log key may; the log refuses to sign a history that does not
    /// extend its last checkpoint.
    public func signCheckpoint(by actor: UnlockedPrincipal) throws -> SignedCheckpoint {
        try ledger.transaction { repository in
            try requireAdministrator(actor, for: .signCheckpoints, repository: repository)
            let key = try openLogKey(as: actor, repository: repository)
            try repository.audit(ledger.entry(actor.id, "audit.checkpoint-signed"))
            return SignedCheckpoint(note: try repository.signCheckpoint(key: key))
        }
    }

    /// Seals the log key to `recipient`'s `key` from `actor`'s copy. False when `actor` holds none.
    func grantLogKey(to recipient: String, key target: BoxPublicKey, by actor: UnlockedPrincipal, repository: any CaseRepository) throws -> Bool {
        guard try repository.setting(Self.logKeySealSetting(actor.id)) != nil else { return false }
        let key = try openLogKey(as: actor, repository: repository)
        try repository.setSetting(Self.logKeySealSetting(recipient), SealedBox.seal(key.secretKey, to: target))
        return true
    }

    /// Opens `actor`'s copy of the log key, and checks it is the key the log names.
    func openLogKey(as actor: UnlockedPrincipal, repository: any CaseRepository) throws -> SigningKeyPair {
        guard try repository.setting(Self.logKeySealSetting(actor.id)) != nil else { throw CasesError(.noLogKey(actor.id)) }
        return try openLogKey(sealedTo: actor.id, with: actor.boxKeyPair, repository: repository)
    }

    /// Opens the copy of the log key sealed to `recipient` (a principal, or the recovery key).
    func openLogKey(sealedTo recipient: String, with keyPair: BoxKeyPair, repository: any CaseRepository) throws -> SigningKeyPair {
        guard let sealed = try repository.setting(Self.logKeySealSetting(recipient)),
              let expected = try repository.setting(Self.logKeyPublicSetting),
              let key = try? SigningKeyPair(secretKey: SealedBox.openSecret(sealed, with: keyPair)),
              key.publicKey.bytes == expected
        else { throw CasesError.damaged("the log key sealed to \(recipient)") }
        return key
    }
}
