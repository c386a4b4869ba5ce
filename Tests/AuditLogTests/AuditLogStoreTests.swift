import AuditLog
import Foundation
import GRDB
import GrievanceCrypto
import Testing

@Suite("The audit log in SQLite")
struct AuditLogStoreTests {
    @Test("appended entries chain, verify, and match an in-memory tree node for node")
    func appendAndVerify() throws {
        let log = try TestLog()
        defer { log.remove() }
        let appended = try log.pool.write { (db: Database) throws in try (0..<150).map { try log.store.append(TestLog.draft($0), in: db) } }
        #expect(appended.map(\.sequence) == Array(0..<150))
        #expect(appended[0].previousHash == .zero)
        for (a, b) in zip(appended, appended.dropFirst()) { #expect(b.previousHash == a.hash) }
        let tree = InMemoryTree(leafHashes: appended.map(\.hash))
        try log.pool.read { (db: Database) throws in
            #expect(try log.store.size(in: db) == 150)
            for size in [1, 2, 3, 64, 100, 127, 128, 150] as [UInt64] {
                #expect(try log.store.rootHash(size: size, in: db) == tree.rootHash(size: size))
            }
            for index in stride(from: UInt64(0), to: 150, by: 7) {
                let proof = try log.store.inclusionProof(index: index, size: 150, in: db)
                try MerkleProof.verifyInclusion(leafHash: appended[Int(index)].hash, index: index, size: 150, proof: proof, root: tree.rootHash(size: 150))
            }
            #expect(try log.store.entry(at: 42, in: db) == appended[42])
            #expect(try log.store.entries(caseReference: "GRV-1003", in: db) == appended.filter { $0.caseReference == "GRV-1003" })
            let report = try log.store.verify(logKey: log.logVkey, in: db)
            #expect(report.isValid, "\(report)")
            #expect(report.entries == 150)
            #expect(report.root == (try tree.rootHash(size: 150)))
        }
    }

    @Test("the database commits durably: WAL, synchronous=FULL, foreign keys, secure_delete")
    func durableSettings() throws {
        let log = try TestLog()
        defer { log.remove() }
        try log.pool.write { (db: Database) throws in
            #expect(try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal")
            #expect(try Int.fetchOne(db, sql: "PRAGMA synchronous") == 2)
            #expect(try Int.fetchOne(db, sql: "PRAGMA foreign_keys") == 1)
            #expect(try Int.fetchOne(db, sql: "PRAGMA secure_delete") == 1)
        }
    }

    @Test("UPDATE and DELETE are refused on every table of the log")
    func appendOnly() throws {
        let log = try TestLog()
        defer { log.remove() }
        try log.pool.write { (db: Database) throws in
            for index in 0..<4 { try log.store.append(TestLog.draft(index), in: db) }
            _ = try log.store.signCheckpoint(key: log.logKey, in: db)
        }
        let attempts = [
            "UPDATE audit_entries SET case_ref = 'x'", "DELETE FROM audit_entries WHERE seq = 3",
            "UPDATE audit_nodes SET hash = zeroblob(32)", "DELETE FROM audit_nodes",
            "UPDATE audit_checkpoints SET note = ''", "DELETE FROM audit_checkpoints",
        ]
        for sql in attempts {
            #expect(throws: DatabaseError.self, "\(sql)") { try log.pool.write { (db: Database) throws in try db.execute(sql: sql) } }
        }
        try log.pool.read { (db: Database) throws in #expect(try log.store.verify(logKey: log.logVkey, in: db).isValid) }
    }

    @Test("a failed transaction leaves no entry and no node")
    func rollback() throws {
        struct Abort: Error {}
        let log = try TestLog()
        defer { log.remove() }
        _ = try log.pool.write { (db: Database) throws in try log.store.append(TestLog.draft(0), in: db) }
        #expect(throws: Abort.self) {
            try log.pool.write { (db: Database) throws in
                try log.store.append(TestLog.draft(1), in: db)
                throw Abort()
            }
        }
        try log.pool.read { (db: Database) throws in
            #expect(try log.store.size(in: db) == 1)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_nodes") == 0)
        }
        let next = try log.pool.write { (db: Database) throws in try log.store.append(TestLog.draft(2), in: db) }
        #expect(next.sequence == 1)
    }

    @Test("concurrent appenders keep one gapless chain")
    func concurrentAppends() async throws {
        let log = try TestLog()
        defer { log.remove() }
        let store = log.store
        let pool = log.pool
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    for index in 0..<40 {
                        try await pool.write { (db: Database) throws in _ = try store.append(TestLog.draft(writer * 100 + index), in: db) }
                    }
                }
            }
            try await group.waitForAll()
        }
        try await log.pool.read { (db: Database) throws in
            #expect(try log.store.size(in: db) == 320)
            #expect(try Int64.fetchAll(db, sql: "SELECT seq FROM audit_entries ORDER BY seq") == Array(0..<320))
            #expect(try log.store.verify(logKey: log.logVkey, in: db).isValid)
        }
    }

    @Test("checkpoints: kept, re-used at the same size, consistent, and refused over a rewritten log")
    func checkpoints() throws {
        let log = try TestLog()
        defer { log.remove() }
        let first = try log.pool.write { (db: Database) throws in
            for index in 0..<20 { try log.store.append(TestLog.draft(index), in: db) }
            return try log.store.signCheckpoint(key: log.logKey, in: db)
        }
        let again = try log.pool.write { (db: Database) throws in try log.store.signCheckpoint(key: log.logKey, in: db) }
        #expect(again == first)
        let second = try log.pool.write { (db: Database) throws in
            for index in 20..<33 { try log.store.append(TestLog.draft(index), in: db) }
            return try log.store.signCheckpoint(key: log.logKey, in: db)
        }
        let (old, new) = (try Checkpoint.verified(first, logKey: log.logVkey), try Checkpoint.verified(second, logKey: log.logVkey))
        #expect((old.size, new.size) == (20, 33))
        let proof = try log.pool.read { (db: Database) throws in try log.store.consistencyProof(oldSize: 20, newSize: 33, in: db) }
        try MerkleProof.verifyConsistency(oldSize: 20, oldRoot: old.root, newSize: 33, newRoot: new.root, proof: proof)
        // Someone rewrites the last entry's hash under the second checkpoint: the stored tree no
        // longer extends it, and the log will not sign again.
        try log.pool.write { (db: Database) throws in
            try TestLog.dropTriggers(db)
            try db.execute(sql: "UPDATE audit_entries SET leaf_hash = zeroblob(32) WHERE seq = 32")
            try log.store.append(TestLog.draft(40), in: db)
        }
        #expect(throws: AuditLogError.self) { try log.pool.write { (db: Database) throws in try log.store.signCheckpoint(key: log.logKey, in: db) } }
    }

    @Test("cosignatures are verified before they are kept, and verified again by verify")
    func cosignatures() throws {
        let log = try TestLog()
        defer { log.remove() }
        let witness = try Witness(name: "auditor.example.org", key: .generate())
        let note = try log.pool.write { (db: Database) throws in
            for index in 0..<10 { try log.store.append(TestLog.draft(index), in: db) }
            return try log.store.signCheckpoint(key: log.logKey, in: db)
        }
        let cosigned = try witness.cosign(note, logKey: log.logVkey, state: nil, proof: [], time: 1_800_000_000).note
        try log.pool.write { (db: Database) throws in try log.store.addCosignature(from: cosigned, witness: witness.verifierKey, in: db) }
        let impostor = try Witness(name: "auditor.example.org", key: .generate())
        let forged = try impostor.cosign(note, logKey: log.logVkey, state: nil, proof: [], time: 1)
        #expect(throws: AuditLogError.self) {
            try log.pool.write { (db: Database) throws in try log.store.addCosignature(from: forged.note, witness: witness.verifierKey, in: db) }
        }
        try log.pool.read { (db: Database) throws in
            #expect(try log.store.latestCheckpoint(in: db) == cosigned)
            let report = try log.store.verify(logKey: log.logVkey, witnessKeys: [witness.verifierKey], in: db)
            #expect(report.isValid, "\(report)")
            #expect(report.cosignaturesChecked == 1)
        }
        try log.pool.write { (db: Database) throws in
            try TestLog.dropTriggers(db)
            try db.execute(sql: "UPDATE audit_cosignatures SET line = replace(line, substr(line, -8, 4), 'AAAA')")
        }
        try log.pool.read { (db: Database) throws in
            let report = try log.store.verify(logKey: log.logVkey, witnessKeys: [witness.verifierKey], in: db)
            #expect(report.failure == .badCosignature(size: 10, witness: "auditor.example.org"))
        }
    }
}
