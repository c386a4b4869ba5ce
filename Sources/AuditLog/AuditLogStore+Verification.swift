import Foundation
import GRDB
import GrievanceCrypto

extension AuditLogStore {
    /// Verifies the whole stored log in one read: every entry, its stored hash and case index,
    /// the chain, every stored tree node, and every checkpoint — those kept here and those
    /// `held` by someone else (the only ones that catch a log rewritten with its checkpoints).
    /// Reads in constant memory; `progress` is called with the number of entries checked.
    public func verify(
        logKey: NoteVerifierKey, witnessKeys: [NoteVerifierKey] = [], held: [SignedNote] = [],
        in db: Database, progress: (UInt64) -> Void = { _ in }
    ) throws -> AuditVerificationReport {
        var kept: [SignedNote] = []
        do {
            kept = try checkpoints(in: db)
        } catch {
            return AuditVerificationReport(
                entries: 0, root: MerkleTree.emptyRoot, checkpointsChecked: 0, cosignaturesChecked: 0,
                failure: .malformedCheckpoint("a kept checkpoint does not parse: \(error)"))
        }
        var verifier = AuditLogVerifier(logKey: logKey, witnessKeys: witnessKeys, signedCheckpoints: kept + held)
        let entries = try Row.fetchCursor(db, sql: "SELECT seq, entry, leaf_hash, case_ref FROM audit_entries ORDER BY seq")
        let nodes = try Row.fetchCursor(db, sql: "SELECT level, idx, hash FROM audit_nodes ORDER BY id")
        while let row = try entries.next() {
            let position = row[0] as Int64
            // A stored hash that is not 32 bytes can match no entry: zero stands in for it.
            let storedHash = row.dataNoCopy(atIndex: 2).flatMap { try? Digest(bytes: $0) } ?? .zero
            let caseReference: String? = row[3]
            let accepted = try row.withUnsafeData(atIndex: 1) { data -> Bool in
                (data ?? Data()).withUnsafeBytes { bytes in
                    verifier.check(
                        position: UInt64(max(position, 0)), encoded: bytes, storedHash: storedHash,
                        indexedCaseReference: .some(caseReference))
                }
            }
            guard accepted else { break }
            for expected in verifier.completedNodes {
                guard let stored = try nodes.next(),
                      stored[0] as Int == expected.level, stored[1] as Int64 == Int64(expected.index),
                      stored.dataNoCopy(atIndex: 2).flatMap({ try? Digest(bytes: $0) }) == expected.hash
                else {
                    verifier.reportNodeMismatch(level: expected.level, index: expected.index)
                    break
                }
            }
            if verifier.failure != nil { break }
            if verifier.entriesChecked % 65536 == 0 { progress(verifier.entriesChecked) }
        }
        if verifier.failure == nil, let extra = try nodes.next() {
            verifier.reportNodeMismatch(level: extra[0], index: UInt64(max(extra[1] as Int64, 0)))
        }
        progress(verifier.entriesChecked)
        return verifier.finish()
    }
}
