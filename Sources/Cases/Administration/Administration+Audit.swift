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

    /// The log's verifier key as the data directory stores it. Whoever can write the directory
    /// can change it: a verifier that has a key of its own pins that instead.
    public func storedLogKey() throws -> LogVerifierKey {
        guard let bytes = try ledger.storage.read({ try $0.setting(Self.logKeyPublicSetting) }),
              let key = try? logVerifierKey(SigningPublicKey(bytes: bytes))
        else { throw CasesError.damaged("the log's public key") }
        return LogVerifierKey(key)
    }

    /// Verifies the whole log, and every checkpoint kept or `held`. With a `pinned` key, a
    /// stored key that differs fails at once and the log is checked with the pinned one; a
    /// `remembered` tree head (from the verifier's own earlier run) must be a prefix of the log.
    public func verifyAudit(
        pinned: LogVerifierKey? = nil, witnessKeys: [WitnessKey] = [], held: [SignedCheckpoint] = [], remembered: TreeHead? = nil,
        progress: (UInt64) -> Void = { _ in }
    ) throws -> AuditCheck {
        let stored = try storedLogKey()
        if let pinned, pinned != stored { return AuditCheck(refusing: stored.description, pinned: pinned.key) }
        let logKey = (pinned ?? stored).key
        let report = try ledger.storage.verifyAudit(logKey: logKey, witnessKeys: witnessKeys.map(\.key), held: held.map(\.note),
                                                    remembered: remembered.map { [$0.checkpoint] } ?? [], progress: progress)
        let check = AuditCheck(report, logKey: logKey, pinned: pinned != nil, held: held.count, remembered: remembered)
        // A witness named but found on no checkpoint proves nothing: a log cut short below what
        // they cosigned, its checkpoints deleted, would otherwise pass.
        guard check.isValid, !witnessKeys.isEmpty else { return check }
        let notes = try ledger.storage.read { try $0.checkpoints() } + held.map(\.note)
        if let absent = witnessKeys.first(where: { witness in !notes.contains { !$0.signatures(by: witness.key).isEmpty } }) {
            return check.failing("no checkpoint carries a cosignature by \(absent.key.name)")
        }
        return check
    }

    /// Cosigns the log's latest signed checkpoint as a witness, with `actor`'s own signing key,
    /// after checking it is signed by `logKey` (the witness's pin) and extends `previous` (what
    /// they cosigned before). The cosignature is kept beside the checkpoint, and logged.
    public func cosign(as actor: UnlockedPrincipal, logKey: LogVerifierKey, previous: TreeHead?) throws -> Cosigning {
        let witness = try Witness(name: "\(ledger.storage.auditOrigin)/witness/\(actor.id)", key: actor.signingKeyPair)
        return try ledger.transaction { repository in
            guard let current = try repository.principal(id: actor.id)?.principal, current.signingPublicKey == actor.principal.signingPublicKey else {
                throw CasesError.invalid(.keys, .changedMeanwhile)
            }
            guard let latest = try repository.latestCheckpoint() else { throw CasesError(.noCheckpoint) }
            let size = try Checkpoint(text: latest.text).size
            guard previous.map({ $0.size <= size }) ?? true else {
                throw CasesError.invalid(.checkpoint, .inconsistent("the latest checkpoint (\(size) entries) is older than the one you cosigned (\(previous!.size))"))
            }
            let proof = try previous.map { try repository.consistencyProof(oldSize: $0.size, newSize: size) } ?? []
            let cosigned: (note: SignedNote, state: WitnessState)
            do {
                cosigned = try witness.cosign(latest, logKey: logKey.key,
                                              state: previous.map { WitnessState(origin: $0.checkpoint.origin, size: $0.size, root: $0.checkpoint.root) },
                                              proof: proof, time: UInt64(max(0, ledger.clock().timeIntervalSince1970)))
            } catch {
                throw CasesError.invalid(.checkpoint, .inconsistent("\(error)"))
            }
            try repository.addCosignature(cosigned.note, witness: witness.verifierKey)
            try repository.audit(ledger.entry(actor.id, "audit.cosigned", nil, [
                AuditDetail("size", String(size)), AuditDetail("witness", witness.verifierKey.description),
            ]))
            let head = try Checkpoint(origin: cosigned.state.origin, size: cosigned.state.size, root: cosigned.state.root)
            return Cosigning(checkpoint: SignedCheckpoint(note: cosigned.note), witnessKey: witness.verifierKey.description, treeHead: TreeHead(head))
        }
    }

    /// Writes the whole log in the export format (docs/AUDIT-FORMAT.md).
    @discardableResult
    public func exportAudit(progress: (UInt64) -> Void = { _ in }, to write: (String) throws -> Void) throws -> UInt64 {
        try ledger.storage.exportAudit(progress: progress, to: write)
    }
}
