import GrievanceCrypto

/// Checks a log one entry at a time, in constant memory per entry and O(log n) overall: the
/// chain, the sequence, stored hashes and tree nodes when the store has them, and the tree root
/// at every checkpoint size. It stops at the first failure, which it locates.
///
/// The driver (the SQLite store, or an export reader) feeds entries in order with `check`, then
/// compares the nodes each entry completed with the stored ones, then calls `finish`.
public struct AuditLogVerifier {
    private var frontier = MerkleFrontier()
    private var previousHash = Digest.zero
    private var checkpoints: [Checkpoint]
    private var nextCheckpoint = 0
    private let checkpointsChecked: Int
    private let cosignaturesChecked: Int
    /// Nodes (level ≥ 1) the last entry completed, for the driver to compare with storage.
    public private(set) var completedNodes: [(level: Int, index: UInt64, hash: Digest)] = []
    public private(set) var failure: AuditVerificationFailure?

    /// `signedCheckpoints` are verified with `logKey` at once (and their cosignatures with
    /// `witnessKeys`); their roots are compared as the entries reach their sizes. `remembered`
    /// are checkpoints the verifying person computed themselves on an earlier run and kept in
    /// their own state: they need no signature, only to be for this log.
    public init(logKey: NoteVerifierKey, witnessKeys: [NoteVerifierKey], signedCheckpoints: [SignedNote], remembered: [Checkpoint] = []) {
        var checkpoints: [Checkpoint] = []
        var cosignatures = 0
        var failure: AuditVerificationFailure?
        for checkpoint in remembered where failure == nil {
            guard checkpoint.origin == logKey.name else {
                failure = .malformedCheckpoint("a remembered checkpoint is for \(checkpoint.origin), not \(logKey.name)")
                break
            }
            checkpoints.append(checkpoint)
        }
        for note in signedCheckpoints where failure == nil {
            let size = (try? Checkpoint(text: note.text))?.size ?? 0
            do {
                checkpoints.append(try Checkpoint.verified(note, logKey: logKey))
            } catch {
                failure = (try? Checkpoint(text: note.text)) == nil
                    ? .malformedCheckpoint("\(error)") : .badCheckpointSignature(size: size)
                break
            }
            for witness in witnessKeys where !note.signatures(by: witness).isEmpty {
                do {
                    _ = try Cosignature.verify(note, witness: witness)
                    cosignatures += 1
                } catch {
                    failure = .badCosignature(size: size, witness: witness.name)
                    break
                }
            }
        }
        // Two checkpoints of one size must agree; sorting puts them side by side.
        checkpoints.sort { $0.size < $1.size }
        for (a, b) in zip(checkpoints, checkpoints.dropFirst()) where failure == nil && a.size == b.size && a.root != b.root {
            failure = .checkpointMismatch(size: a.size)
        }
        self.checkpoints = checkpoints
        self.checkpointsChecked = checkpoints.count
        self.cosignaturesChecked = cosignatures
        self.failure = failure
        checkCheckpointsAtCurrentSize()
    }

    /// Entries accepted so far.
    public var entriesChecked: UInt64 { frontier.size }

    /// Checks the entry stored at `position`. `storedHash` and `caseIndex` are what the store
    /// keeps beside the entry (nil and `.notKept` for an export, which keeps neither). Returns
    /// false once a failure is found; nothing more is checked after it. Allocates nothing.
    @discardableResult
    public mutating func check(
        position: UInt64, encoded: UnsafeRawBufferPointer, storedHash: Digest? = nil, caseIndex: StoredCaseIndex = .notKept
    ) -> Bool {
        accept(Self.prepare(position: position, encoded: encoded, storedHash: storedHash, caseIndex: caseIndex))
    }

    /// The part of a check that depends on one entry alone: the scan against every rule, the
    /// hash, and the comparison with what the store keeps beside it. Pure, so a driver may run
    /// it for many entries in parallel and `accept` the results in order.
    public static func prepare(
        position: UInt64, encoded: UnsafeRawBufferPointer, storedHash: Digest? = nil, caseIndex: StoredCaseIndex = .notKept
    ) -> PreparedEntry {
        guard let entry = try? AuditEntryCodec.scan(encoded) else { return PreparedEntry(position: position, scan: nil) }
        let leaf = MerkleTree.leafHash(encoded)
        var indexAgrees = true
        if case .kept(let indexed) = caseIndex {
            indexAgrees = switch (indexed, entry.caseReference) {
            case (nil, nil): true
            case (let a?, let b?): a.elementsEqual(b)
            default: false
            }
        }
        return PreparedEntry(position: position, scan: .init(
            sequence: entry.sequence, previousHash: entry.previousHash, leaf: leaf,
            hashAgrees: storedHash.map { $0 == leaf } ?? true, indexAgrees: indexAgrees))
    }

    /// The part of a check that depends on the entries before: position, chain, tree and
    /// checkpoints. Entries must be accepted in order. Returns false once a failure is found.
    @discardableResult
    public mutating func accept(_ prepared: PreparedEntry) -> Bool {
        completedNodes.removeAll(keepingCapacity: true)
        guard failure == nil else { return false }
        let expected = frontier.size
        guard prepared.position == expected else { return fail(.gap(expected: expected, found: prepared.position)) }
        guard let entry = prepared.scan else { return fail(.malformedEntry(at: expected)) }
        guard entry.sequence == expected else { return fail(.wrongSequence(at: expected)) }
        guard entry.hashAgrees else { return fail(.hashMismatch(at: expected)) }
        guard entry.previousHash == previousHash else { return fail(.chainBreak(at: expected)) }
        guard entry.indexAgrees else { return fail(.indexMismatch(at: expected)) }
        previousHash = entry.leaf
        frontier.append(leafHash: entry.leaf) { level, index, hash in completedNodes.append((level, index, hash)) }
        checkCheckpointsAtCurrentSize()
        return failure == nil
    }

    /// Records that a stored node disagrees with (or is missing for) a node the entries completed.
    public mutating func reportNodeMismatch(level: Int, index: UInt64) {
        if failure == nil { failure = .nodeMismatch(level: level, index: index) }
    }

    /// Ends the check: any checkpoint beyond the last entry means the log was cut short.
    public mutating func finish() -> AuditVerificationReport {
        if failure == nil, nextCheckpoint < checkpoints.count {
            failure = .truncated(size: frontier.size, checkpoint: checkpoints[nextCheckpoint].size)
        }
        return AuditVerificationReport(
            entries: frontier.size, root: frontier.root, checkpointsChecked: checkpointsChecked,
            cosignaturesChecked: cosignaturesChecked, failure: failure)
    }

    private mutating func checkCheckpointsAtCurrentSize() {
        while failure == nil, nextCheckpoint < checkpoints.count, checkpoints[nextCheckpoint].size == frontier.size {
            if checkpoints[nextCheckpoint].root != frontier.root {
                failure = .checkpointMismatch(size: frontier.size)
            }
            nextCheckpoint += 1
        }
    }

    private mutating func fail(_ found: AuditVerificationFailure) -> Bool {
        failure = found
        return false
    }
}
