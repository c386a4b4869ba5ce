import AuditLog
import Foundation
import GrievanceCrypto

/// The log key signs checkpoints of the audit log. Nobody holds it in clear: its secret half is
/// sealed to each administrator and to the recovery key, so the running server, which holds
/// no administrator's passphrase, cannot sign a rewritten history.
extension CaseService {
    static let logKeyPublicSetting = "log-key.public"
    static let organisationSetting = "organisation"
    static let recoveryKeySetting = "recovery-key.public"
    static func logKeySealSetting(_ recipient: String) -> String { "log-key.sealed.\(recipient)" }

    /// Sets a new organisation up: the first administrator, and a fresh log key sealed to them
    /// and to the recovery key. The log's first entries name the recovery key and the log key,
    /// so anyone holding an export can see which keys the log was begun with.
    @discardableResult
    public func initialise(organisation: String, adminID: String, adminName: String, passphrase: SecureBytes) throws -> UnlockedPrincipal {
        guard !organisation.isEmpty, organisation.utf8.count <= 200 else { throw CasesError.invalid("org", "give a name of 1 to 200 bytes") }
        let logKey = SigningKeyPair.generate()
        try storage.write { repository in
            guard try repository.setting(Self.logKeyPublicSetting) == nil, try repository.principals().isEmpty else {
                throw CasesError.duplicate("an organisation in this database")
            }
            try repository.setSetting(Self.organisationSetting, Array(organisation.utf8))
            try repository.setSetting(Self.logKeyPublicSetting, logKey.publicKey.bytes)
            try repository.setSetting(Self.logKeySealSetting(Self.recoveryRecipient), SealedBox.seal(logKey.secretKey, to: recoveryPublicKey))
            try repository.audit(AuditEntryDraft(
                actor: "system", action: "organisation.initialised",
                details: [AuditDetail("organisation", organisation), AuditDetail("log-key", try logVerifierKey(logKey.publicKey).description),
                          AuditDetail("recovery-key", Hex.encode(recoveryPublicKey.bytes))],
                time: clock()))
        }
        try addPrincipal(id: adminID, name: adminName, roles: [.admin], passphrase: passphrase, by: nil)
        let admin = try unlock(id: adminID, passphrase: passphrase)
        try storage.write { repository in
            try repository.setSetting(Self.logKeySealSetting(adminID), SealedBox.seal(logKey.secretKey, to: admin.boxKeyPair.publicKey))
        }
        try recordProcedureInForce()
        return admin
    }

    /// The organisation's name, as given at `init`.
    public func organisation() throws -> String? {
        try storage.read { try $0.setting(Self.organisationSetting).map { String(decoding: $0, as: UTF8.self) } }
    }

    /// The key that verifies the log's checkpoints, in C2SP vkey form; nil before `initialise`.
    public func logVerifierKey() throws -> NoteVerifierKey? {
        guard let bytes = try storage.read({ try $0.setting(Self.logKeyPublicSetting) }) else { return nil }
        do {
            return try logVerifierKey(try SigningPublicKey(bytes: bytes))
        } catch {
            throw CasesError.damaged("the log's public key")
        }
    }

    private func logVerifierKey(_ key: SigningPublicKey) throws -> NoteVerifierKey {
        try NoteVerifierKey(name: storage.auditOrigin, type: .ed25519, publicKey: key)
    }

    /// Signs a checkpoint of the whole log (after logging who asked for it). Only an
    /// administrator holding the log key may; the log refuses to sign a history that does not
    /// extend its last checkpoint.
    public func signCheckpoint(by actor: UnlockedPrincipal) throws -> SignedNote {
        try transaction { repository in
            guard actor.principal.roles.contains(.admin), !actor.principal.isDisabled else {
                throw Self.denial(.notAllowed("only an administrator signs checkpoints", hint: "ask an administrator; the attempt was logged"), actor: actor.id, action: "audit.checkpoint",
                                  reference: nil, reason: "role")
            }
            let key = try openLogKey(as: actor, repository: repository)
            try repository.audit(AuditEntryDraft(actor: actor.id, action: "audit.checkpoint-signed", time: clock()))
            return try repository.signCheckpoint(key: key)
        }
    }

    /// The latest checkpoint the log signed, with its cosignatures.
    public func latestCheckpoint() throws -> SignedNote? {
        try storage.read { try $0.latestCheckpoint() }
    }

    /// Keeps a witness's cosignature of one of the log's checkpoints, after verifying it.
    public func addCosignature(_ cosigned: SignedNote, witness: NoteVerifierKey) throws {
        try storage.write { repository in
            try repository.addCosignature(cosigned, witness: witness)
            try repository.audit(AuditEntryDraft(actor: "system", action: "audit.cosignature-added",
                                                 details: [AuditDetail("witness", witness.name)], time: clock()))
        }
    }

    /// Verifies the whole log with its own public key, and every checkpoint kept or `held`.
    public func verifyAudit(
        witnessKeys: [NoteVerifierKey] = [], held: [SignedNote] = [], progress: (UInt64) -> Void = { _ in }
    ) throws -> AuditVerificationReport {
        guard let logKey = try logVerifierKey() else { throw CasesError.damaged("the log's public key (missing)") }
        return try storage.verifyAudit(logKey: logKey, witnessKeys: witnessKeys, held: held, progress: progress)
    }

    /// Writes the whole log in the export format (docs/AUDIT-FORMAT.md).
    @discardableResult
    public func exportAudit(progress: (UInt64) -> Void = { _ in }, to write: (String) throws -> Void) throws -> UInt64 {
        try storage.exportAudit(progress: progress, to: write)
    }

    /// Seals the log key to `target` from `actor`'s copy. False when `actor` holds none.
    @discardableResult
    func grantLogKey(to target: Principal, by actor: UnlockedPrincipal, repository: any CaseRepository) throws -> Bool {
        guard try repository.setting(Self.logKeySealSetting(actor.id)) != nil else { return false }
        let key = try openLogKey(as: actor, repository: repository)
        try repository.setSetting(Self.logKeySealSetting(target.id), SealedBox.seal(key.secretKey, to: try BoxPublicKey(bytes: target.boxPublicKey)))
        return true
    }

    /// Opens `actor`'s copy of the log key, and checks it is the key the log names.
    func openLogKey(as actor: UnlockedPrincipal, repository: any CaseRepository) throws -> SigningKeyPair {
        guard try repository.setting(Self.logKeySealSetting(actor.id)) != nil else {
            throw CasesError.notAllowed("\(actor.id) holds no copy of the log key",
                                        hint: "an administrator who holds it can give it to you with `handler set-roles`")
        }
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
