// The audit log lands with issue 3 (hash chain, Merkle tree, checkpoints).
