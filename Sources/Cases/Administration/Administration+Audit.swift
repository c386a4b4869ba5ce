import AuditLog
import Foundation
import GrievanceCrypto

extension Administration {
    /// The latest checkpoint the log signed, with its cosignatures.
    public func latestCheckpoint() throws -> SignedCheckpoint? {
        try ledger.storage.read { try $0.latestCheckpoint() }.map(SignedCheckpoint.init(note:))
    }

    /// Keeps a witness's cosignature of one of the log's checkpoints, after verifying it.
    public func addCosignature(_ cosigned: SignedCheckpoint, witness: WitnessKey) throws {
        try ledger.storage.write { repository in
            try repository.addCosignature(cosigned.note, witness: witness.key)
            try repository.audit(ledger.entry("system", "audit.cosignature-added", nil, [AuditDetail("witness", witness.key.name)]))
        }
    }

    /// Verifies the whole log with its own public key, and every checkpoint kept or `held`.
    public func verifyAudit(witnessKeys: [WitnessKey] = [], held: [SignedCheckpoint] = [], progress: (UInt64) -> Void = { _ in }) throws -> AuditCheck {
        guard let bytes = try ledger.storage.read({ try $0.setting(Self.logKeyPublicSetting) }),
              let logKey = try? logVerifierKey(SigningPublicKey(bytes: bytes))
        else { throw CasesError.damaged("the log's public key") }
        return AuditCheck(try ledger.storage.verifyAudit(logKey: logKey, witnessKeys: witnessKeys.map(\.key), held: held.map(\.note),
                                                         progress: progress))
    }

    /// Writes the whole log in the export format (docs/AUDIT-FORMAT.md).
    @discardableResult
    public func exportAudit(progress: (UInt64) -> Void = { _ in }, to write: (String) throws -> Void) throws -> UInt64 {
        try ledger.storage.exportAudit(progress: progress, to: write)
    }
}
