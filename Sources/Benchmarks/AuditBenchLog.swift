import AuditLog
import Foundation
import GRDB
import GrievanceCrypto

/// A real audit log in a SQLite file, configured as the system configures its database.
struct AuditBenchLog {
    let pool: DatabasePool
    let store: AuditLogStore
    let key = SigningKeyPair.generate()

    init(directory: URL) throws {
        pool = try DurableDatabase.openPool(path: directory.appendingPathComponent("audit.sqlite").path)
        var migrator = DatabaseMigrator()
        AuditLogSchema.registerMigrations(in: &migrator)
        try migrator.migrate(pool)
        store = try AuditLogStore(origin: "bench.example.org/audit")
    }

    /// A realistic entry: a handler advancing a case, with the stage and a reason code.
    static func draft(_ index: Int) -> AuditEntryDraft {
        AuditEntryDraft(
            actor: "handler-\(index % 40)", action: "case.advanced", caseReference: "GRV-2026-\(10_000 + index % 5_000)",
            details: [AuditDetail("from", "assessment"), AuditDetail("to", "investigation"),
                      AuditDetail("policy", "sha256:9f2c4e1ab7d03f5e8c6b2a1d0e9f8c7b6a5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f"),
                      AuditDetail("deadline", "2026-12-24T00:00:00Z"), AuditDetail("session", "cli")],
            time: Date(timeIntervalSince1970: 1_790_000_000 + Double(index)))
    }

    static let sampleEncoded: [UInt8] = try! AuditEntry(
        sequence: 0, timeMilliseconds: 0, actor: draft(0).actor, action: draft(0).action, caseReference: draft(0).caseReference,
        details: draft(0).details, previousHash: .zero).encoded
    static var sampleEntryBytes: Int { sampleEncoded.count }

    func appendDurably(index: Int) throws {
        try pool.write { db in _ = try store.append(Self.draft(index), in: db) }
    }

    /// Appends `count` entries, 10,000 per transaction; returns the seconds taken.
    func buildLarge(count: Int, startingAt first: Int) throws -> Double {
        try AuditBench.time {
            for batch in stride(from: 0, to: count, by: 10_000) {
                try pool.write { db in
                    for index in batch..<min(batch + 10_000, count) { _ = try store.append(Self.draft(first + index), in: db) }
                }
            }
        }
    }

    func size() throws -> UInt64 { try pool.read { db in try store.size(in: db) } }

    func verify() throws -> AuditVerificationReport {
        let vkey = try NoteVerifierKey(name: store.origin, type: .ed25519, publicKey: key.publicKey)
        return try pool.read { db in try store.verify(logKey: vkey, in: db) }
    }

    func allEntries() throws -> [[UInt8]] {
        try pool.read { db in try Data.fetchAll(db, sql: "SELECT entry FROM audit_entries ORDER BY seq").map { [UInt8]($0) } }
    }

    struct ProofTimes {
        var inclusionMedian = 0.0, inclusionP99 = 0.0, verifyMedian = 0.0, verifyP99 = 0.0
        var consistencyMedian = 0.0, consistencyP99 = 0.0
    }

    func proofTimes(size: UInt64, samples: Int) throws -> ProofTimes {
        var generator = SystemRandomNumberGenerator()
        return try pool.read { db in
            let root = try store.rootHash(size: size, in: db)
            var inclusion: [Double] = []
            var verification: [Double] = []
            var consistency: [Double] = []
            for _ in 0..<samples {
                let index = UInt64.random(in: 0..<size, using: &generator)
                var proof: [Digest] = []
                inclusion.append(try AuditBench.time { proof = try store.inclusionProof(index: index, size: size, in: db) })
                let leaf = try StoredLeaf.hash(index: index, db: db)
                verification.append(try AuditBench.time {
                    try MerkleProof.verifyInclusion(leafHash: leaf, index: index, size: size, proof: proof, root: root)
                })
                let old = UInt64.random(in: 1...size, using: &generator)
                consistency.append(try AuditBench.time { _ = try store.consistencyProof(oldSize: old, newSize: size, in: db) })
            }
            func percentile(_ values: [Double], _ p: Double) -> Double { values.sorted()[min(values.count - 1, Int(Double(values.count) * p))] }
            return ProofTimes(
                inclusionMedian: percentile(inclusion, 0.5), inclusionP99: percentile(inclusion, 0.99),
                verifyMedian: percentile(verification, 0.5), verifyP99: percentile(verification, 0.99),
                consistencyMedian: percentile(consistency, 0.5), consistencyP99: percentile(consistency, 0.99))
        }
    }
}

/// Reads one stored leaf hash (the entry's hash), for checking a proof the way a client would.
enum StoredLeaf {
    static func hash(index: UInt64, db: Database) throws -> Digest {
        try Digest(bytes: try Data.fetchOne(db, sql: "SELECT leaf_hash FROM audit_entries WHERE seq = ?", arguments: [Int64(index)])!)
    }
}
