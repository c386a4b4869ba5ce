import GrievanceCrypto

/// Someone the operator does not control — an Executive Committee officer, an external
/// auditor — who cosigns the log's checkpoints after checking that each extends the last one
/// they cosigned. What they keep between cosignings is `WitnessState`.
public struct Witness: Sendable {
    public let name: String
    public let key: SigningKeyPair

    public init(name: String, key: SigningKeyPair) throws(AuditLogError) {
        try NoteVerifierKey.validate(name: name)
        self.name = name
        self.key = key
    }

    public var verifierKey: NoteVerifierKey {
        try! NoteVerifierKey(name: name, type: .cosignatureV1, publicKey: key.publicKey)  // name validated in init
    }

    /// Checks `note` — signed by `logKey`, consistent with `state` through `proof` — and returns
    /// the note with this witness's cosignature added, and the state to keep. Refuses a smaller
    /// tree, a different root at the same size, or a proof that does not verify: the signs of a
    /// log that was rewritten or shown differently to different people.
    public func cosign(
        _ note: SignedNote, logKey: NoteVerifierKey, state: WitnessState?, proof: [Digest], time: UInt64
    ) throws(AuditLogError) -> (note: SignedNote, state: WitnessState) {
        let checkpoint = try Checkpoint.verified(note, logKey: logKey)
        if let state {
            guard state.origin == checkpoint.origin else {
                throw .inconsistent("this witness state is for \(state.origin), not \(checkpoint.origin)")
            }
            guard checkpoint.size >= state.size else {
                throw .inconsistent("the log shrank from \(state.size) to \(checkpoint.size) entries")
            }
            do {
                try MerkleProof.verifyConsistency(
                    oldSize: state.size, oldRoot: state.root, newSize: checkpoint.size, newRoot: checkpoint.root, proof: proof)
            } catch {
                throw .inconsistent("checkpoint \(checkpoint.size) does not extend the cosigned checkpoint \(state.size): \(error)")
            }
        }
        let line = try Cosignature.sign(text: note.text, time: time, witnessName: name, key: key)
        return (note.adding(line), WitnessState(origin: checkpoint.origin, size: checkpoint.size, root: checkpoint.root))
    }
}
