/// The first thing wrong with a log, located. `description` is the one-line form the test
/// vectors' `expect:` lines use and the Python verifier prints.
public enum AuditVerificationFailure: Sendable, Hashable, CustomStringConvertible {
    /// The entry at this position is missing: the next one found carries a later number.
    case gap(expected: UInt64, found: UInt64)
    /// The stored bytes do not decode as an entry.
    case malformedEntry(at: UInt64)
    /// The entry stored at this position names another sequence number (entries were swapped).
    case wrongSequence(at: UInt64)
    /// The entry's bytes do not hash to the hash stored beside them (the entry was altered).
    case hashMismatch(at: UInt64)
    /// The entry's previous hash is not the hash of the entry before it.
    case chainBreak(at: UInt64)
    /// The case index beside the entry disagrees with the entry.
    case indexMismatch(at: UInt64)
    /// A stored tree node disagrees with the entries, or is missing or extra.
    case nodeMismatch(level: Int, index: UInt64)
    /// The tree of the entries does not have the root a checkpoint signed for that size.
    case checkpointMismatch(size: UInt64)
    /// The log is shorter than a checkpoint: entries were cut off the end.
    case truncated(size: UInt64, checkpoint: UInt64)
    case badCheckpointSignature(size: UInt64)
    case badCosignature(size: UInt64, witness: String)
    /// A checkpoint is not for this log, or does not parse.
    case malformedCheckpoint(String)

    public var description: String {
        switch self {
        case .gap(let expected, let found): "gap at \(expected) (next entry found is \(found))"
        case .malformedEntry(let at): "malformed entry at \(at)"
        case .wrongSequence(let at): "wrong sequence at \(at)"
        case .hashMismatch(let at): "hash mismatch at \(at)"
        case .chainBreak(let at): "chain break at \(at)"
        case .indexMismatch(let at): "index mismatch at \(at)"
        case .nodeMismatch(let level, let index): "node mismatch at level \(level) index \(index)"
        case .checkpointMismatch(let size): "checkpoint \(size) does not match"
        case .truncated(_, let checkpoint): "truncated below checkpoint \(checkpoint)"
        case .badCheckpointSignature(let size): "bad signature on checkpoint \(size)"
        case .badCosignature(let size, let witness): "bad cosignature on checkpoint \(size) by \(witness)"
        case .malformedCheckpoint(let problem): "malformed checkpoint: \(problem)"
        }
    }
}
