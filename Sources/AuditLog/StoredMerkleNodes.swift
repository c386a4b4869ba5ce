import GrievanceCrypto

/// Perfect-subtree hashes read from the store: leaves from the entries, higher levels from the
/// stored nodes. Valid for the duration of the transaction `tables` belongs to.
struct StoredMerkleNodes<Tables: AuditTables>: MerkleNodeSource {
    let tables: Tables

    func node(level: Int, index: UInt64) throws -> Digest {
        guard let digest = try tables.storedNode(level: level, index: index) else {
            throw AuditLogError.outOfRange("no stored node at level \(level), index \(index)")
        }
        return digest
    }
}
