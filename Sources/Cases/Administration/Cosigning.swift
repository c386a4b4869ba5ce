/// What a witness's `audit cosign` gives back: the checkpoint with their cosignature, the key
/// others verify it with, and the tree head to remember for the next time.
public struct Cosigning: Sendable {
    public let checkpoint: SignedCheckpoint
    /// The witness's verifier key (C2SP vkey of type cosignature/v1), for `audit verify --witness`.
    public let witnessKey: String
    public let treeHead: TreeHead
}
