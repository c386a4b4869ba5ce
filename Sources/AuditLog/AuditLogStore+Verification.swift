import Foundation
import GRDB
import GrievanceCrypto

extension AuditLogStore {
    /// Verifies the whole stored log in one read: every entry, its stored hash and case index,
    /// the chain, every stored tree node, and every checkpoint — those kept here, those `held`
    /// by someone else and those the verifier `remembered` from an earlier run (the only ones
    /// that catch a log rewritten with its checkpoints).
    /// Streams in constant memory; `progress` is called with the number of entries checked.
    public func verify(
        logKey: NoteVerifierKey, witnessKeys: [NoteVerifierKey] = [], held: [SignedNote] = [], remembered: [Checkpoint] = [],
        in db: Database, progress: (UInt64) -> Void = { _ in }
    ) throws -> AuditVerificationReport {
        try verify(logKey: logKey, witnessKeys: witnessKeys, held: held, remembered: remembered, in: SQLiteAuditTables(db), progress: progress)
    }

    /// The same over any engine's tables.
    public func verify(
        logKey: NoteVerifierKey, witnessKeys: [NoteVerifierKey] = [], held: [SignedNote] = [], remembered: [Checkpoint] = [],
        in tables: some AuditTables, progress: (UInt64) -> Void = { _ in }
    ) throws -> AuditVerificationReport {
        let kept: [SignedNote]
        do {
            kept = try checkpoints(in: tables)
        } catch {
            return AuditVerificationReport(
                entries: 0, root: MerkleTree.emptyRoot, checkpointsChecked: 0, cosignaturesChecked: 0,
                failure: .malformedCheckpoint("a kept checkpoint does not parse: \(error)"))
        }
        var verifier = AuditLogVerifier(logKey: logKey, witnessKeys: witnessKeys, signedCheckpoints: kept + held, remembered: remembered)
        // Millions of rows: read on this thread, while another core prepares (scans and hashes)
        // the batch read before; then accept in order here.
        let entries = try tables.entryRows()
        let nodes = try tables.nodeRows()
        var pending: BackgroundResult<[PreparedEntry]>?
        var exhausted = false
        while verifier.failure == nil {
            var batch = StoredRowBatch()
            while !exhausted, !batch.isFull {
                guard try entries.step() else {
                    exhausted = true
                    break
                }
                // A stored hash that is not 32 bytes can match no entry: zero stands in for it.
                batch.append(
                    position: UInt64(max(entries.int64(0), 0)), entry: entries.blob(1),
                    storedHash: (try? Digest(bytes: entries.blob(2))) ?? .zero,
                    caseIndex: entries.isNull(3) ? nil : entries.text(3))
            }
            let ready = pending?.wait()
            pending = batch.isEmpty ? nil : BackgroundResult { [batch] in batch.prepared() }
            guard let ready else {
                if pending == nil { break }
                continue
            }
            try accept(ready, into: &verifier, nodes: nodes, progress: progress)
        }
        _ = pending?.wait()
        if verifier.failure == nil, try nodes.step() {
            verifier.reportNodeMismatch(level: Int(nodes.int64(0)), index: UInt64(max(nodes.int64(1), 0)))
        }
        progress(verifier.entriesChecked)
        return verifier.finish()
    }
}

extension AuditLogStore {
    /// Accepts prepared entries in order, checking each tree node they complete against the
    /// stored one.
    fileprivate func accept(
        _ prepared: [PreparedEntry], into verifier: inout AuditLogVerifier, nodes: any AuditRowCursor, progress: (UInt64) -> Void
    ) throws {
        for entry in prepared {
            guard verifier.accept(entry) else { return }
            for expected in verifier.completedNodes {
                guard try nodes.step(), Int(nodes.int64(0)) == expected.level, nodes.int64(1) == Int64(expected.index),
                      expected.hash.withUnsafeBytes({ nodes.blob(2).elementsEqual($0) })
                else {
                    verifier.reportNodeMismatch(level: expected.level, index: expected.index)
                    return
                }
            }
            if verifier.entriesChecked % 65536 == 0 { progress(verifier.entriesChecked) }
        }
    }
}
