import AuditLog
import Foundation
import GrievanceCrypto

extension Administration {
    static let organisationSetting = "organisation"
    static let recoveryKeySetting = "recovery-key.public"
    /// The organisation key's signature of the recovery key (`Certification.recoveryKeyStatement`).
    static let recoveryKeySignatureSetting = "recovery-key.signature"

    /// Sets a new organisation up: the first administrator, certified by the organisation key,
    /// and a fresh log key; both keys sealed to them and to the recovery key. The log's first
    /// entries name the recovery key, the organisation key and the log key, so anyone holding
    /// an export can see which keys the log was begun with.
    @discardableResult
    func initialise(organisation: String, adminID: String, adminName: String, passphrase: Passphrase,
                    organisationKey: SigningKeyPair) throws -> UnlockedPrincipal {
        guard !organisation.isEmpty, organisation.utf8.count <= 200 else {
            throw CasesError.invalid(.organisation, organisation.isEmpty ? .empty : .tooLong(maximumBytes: 200))
        }
        let logKey = SigningKeyPair.generate()
        try ledger.storage.write { repository in
            guard try repository.setting(Self.logKeyPublicSetting) == nil, try repository.principals().isEmpty else {
                throw CasesError(.duplicate(.organisation))
            }
            try repository.setSetting(Self.organisationSetting, Array(organisation.utf8))
            try repository.setSetting(Self.logKeyPublicSetting, logKey.publicKey.bytes)
            try repository.setSetting(Self.logKeySealSetting(Ledger.recoveryRecipient), SealedBox.seal(logKey.secretKey, to: recoveryPublicKey))
            try repository.setSetting(Self.organisationKeySealSetting(Ledger.recoveryRecipient),
                                      SealedBox.seal(organisationKey.secretKey, to: recoveryPublicKey))
            try repository.audit(ledger.entry("system", "organisation.initialised", nil, [
                AuditDetail("organisation", organisation), AuditDetail("log-key", try logVerifierKey(logKey.publicKey).description),
                AuditDetail("organisation-key", try self.organisationKey().description),
                AuditDetail("recovery-key", Hex.encode(recoveryPublicKey.bytes)),
            ]))
        }
        try addFirstAdministrator(id: adminID, name: adminName, passphrase: passphrase) { principal in
            Certificate(links: [CertificateLink.sign(principal, origin: ledger.certification.origin, generation: 1, issuer: .organisation,
                                                     with: organisationKey)])
        }
        let admin = try unlock(id: adminID, passphrase: passphrase)
        try ledger.storage.write { repository in
            try repository.setSetting(Self.logKeySealSetting(adminID), SealedBox.seal(logKey.secretKey, to: admin.boxKeyPair.publicKey))
            try repository.setSetting(Self.organisationKeySealSetting(adminID), SealedBox.seal(organisationKey.secretKey, to: admin.boxKeyPair.publicKey))
        }
        try recordProcedureInForce()
        return admin
    }

    /// The organisation's name, as given at `init`.
    public func organisation() throws -> String? {
        try ledger.storage.read { try $0.setting(Self.organisationSetting).map { String(decoding: $0, as: UTF8.self) } }
    }

    /// Logs the procedure's hash when it differs from the one last in force, so that the version
    /// that governed any case can be shown. Every command opens the data directory through here,
    /// so the usual case — nothing changed — takes no write lock.
    public func recordProcedureInForce() throws {
        let procedure = ledger.procedure
        guard try ledger.storage.read({ try $0.setting("procedure-hash") }) != procedure.hash.bytes else { return }
        try ledger.storage.write { repository in
            guard try repository.setting("procedure-hash") != procedure.hash.bytes else { return }
            try repository.setSetting("procedure-hash", procedure.hash.bytes)
            try repository.audit(ledger.entry("system", "policy.loaded", nil, [AuditDetail("name", procedure.name), AuditDetail("sha256", procedure.hash.hex)]))
        }
    }
}
