import GRDB
import GrievanceCrypto

/// Perfect-subtree hashes read from the store: leaves from `audit_entries`, higher levels from
/// `audit_nodes`. Valid for the duration of the database access that made it.
struct StoredMerkleNodes: MerkleNodeSource {
    let db: Database

    func node(level: Int, index: UInt64) throws -> Digest {
        let row: Row?
        if level == 0 {
            row = try Row.fetchOne(db.cachedStatement(sql: "SELECT leaf_hash FROM audit_entries WHERE seq = ?"), arguments: [Int64(index)])
        } else {
            row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT hash FROM audit_nodes WHERE level = ? AND idx = ?"), arguments: [level, Int64(index)])
        }
        guard let digest = try row?.withUnsafeData(atIndex: 0, { $0.flatMap { try? Digest(bytes: $0) } }) else {
            throw AuditLogError.outOfRange("no stored node at level \(level), index \(index)")
        }
        return digest
    }
}
