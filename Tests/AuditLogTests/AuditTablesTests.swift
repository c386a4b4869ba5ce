import AuditLog
import Foundation
import GRDB
import GrievanceCrypto
import Testing

/// The log's logic over an engine that is not SQLite: if any of it reached past `AuditTables`
/// to SQL, these would not compile or would not pass.
@Suite("The audit log over an engine other than SQLite")
struct AuditTablesTests {
    static let origin = TestLog.origin
    static let key = SigningKeyPair.generate()
    static var logVkey: NoteVerifierKey { try! NoteVerifierKey(name: origin, type: .ed25519, publicKey: key.publicKey) }

    @Test("appends, proofs, checkpoints, cosignatures and verification all run over in-memory tables")
    func wholeLog() throws {
        let tables = InMemoryAuditTables()
        let store = try AuditLogStore(origin: Self.origin)
        let appended = try (0..<150).map { try store.append(TestLog.draft($0), in: tables) }
        #expect(appended.map(\.sequence) == Array(0..<150))
        for (a, b) in zip(appended, appended.dropFirst()) { #expect(b.previousHash == a.hash) }
        let tree = InMemoryTree(leafHashes: appended.map(\.hash))
        // Appends stored exactly the perfect subtrees, in the order they were completed.
        #expect(tables.nodes.count == 150 - 150.nonzeroBitCount)
        for node in tables.nodes { #expect(node.hash == (try tree.node(level: node.level, index: node.index))) }

        #expect(try store.size(in: tables) == 150)
        for size in [1, 2, 3, 64, 100, 127, 128, 150] as [UInt64] {
            #expect(try store.rootHash(size: size, in: tables) == tree.rootHash(size: size))
        }
        for index in stride(from: UInt64(0), to: 150, by: 7) {
            let proof = try store.inclusionProof(index: index, size: 150, in: tables)
            try MerkleProof.verifyInclusion(leafHash: appended[Int(index)].hash, index: index, size: 150, proof: proof, root: tree.rootHash(size: 150))
        }
        let consistency = try store.consistencyProof(oldSize: 100, newSize: 150, in: tables)
        try MerkleProof.verifyConsistency(
            oldSize: 100, oldRoot: tree.rootHash(size: 100), newSize: 150, newRoot: tree.rootHash(size: 150), proof: consistency)
        #expect(try store.entry(at: 42, in: tables) == appended[42])
        #expect(try store.entry(at: 150, in: tables) == nil)
        #expect(try store.entries(caseReference: "GRV-1003", in: tables) == appended.filter { $0.caseReference == "GRV-1003" })

        let first = try store.signCheckpoint(key: Self.key, in: tables)
        #expect(try Checkpoint(text: first.text).root == tree.rootHash(size: 150))
        #expect(try store.signCheckpoint(key: Self.key, in: tables) == first)
        let witness = try Witness(name: "auditor.example.org", key: .generate())
        let cosigned = try witness.cosign(first, logKey: Self.logVkey, state: nil, proof: [], time: 1_800_000_000).note
        try store.addCosignature(from: cosigned, witness: witness.verifierKey, in: tables)
        try store.addCosignature(from: cosigned, witness: witness.verifierKey, in: tables)
        #expect(try store.latestCheckpoint(in: tables) == cosigned)
        for index in 150..<160 { try store.append(TestLog.draft(index), in: tables) }
        let second = try store.signCheckpoint(key: Self.key, in: tables)
        #expect(try store.checkpoints(in: tables) == [cosigned, second])

        let report = try store.verify(logKey: Self.logVkey, witnessKeys: [witness.verifierKey], in: tables)
        #expect(report.isValid, "\(report)")
        #expect((report.entries, report.checkpointsChecked, report.cosignaturesChecked) == (160, 2, 1))
    }

    @Test("the same appends give the same log, byte for byte, in memory and in SQLite")
    func sameAsSQLite() throws {
        let tables = InMemoryAuditTables()
        let (queue, store) = try TestLog.inMemory()
        var exported = ""
        var exportedFromSQLite = ""
        try queue.write { (db: Database) throws in
            for index in 0..<70 {
                let draft = TestLog.draft(index)
                #expect(try store.append(draft, in: tables) == store.append(draft, in: db))
                // Ed25519 is deterministic: the same tree gives the same signed checkpoint.
                if index % 25 == 24 { #expect(try store.signCheckpoint(key: Self.key, in: tables) == store.signCheckpoint(key: Self.key, in: db)) }
            }
            try AuditExport.write(store, in: tables) { exported += $0 }
            try AuditExport.write(store, in: db) { exportedFromSQLite += $0 }
            let stored = try Row.fetchAll(db, sql: "SELECT level, idx, hash FROM audit_nodes ORDER BY id").map { row in
                (row[0] as Int, UInt64(row[1] as Int64), [UInt8](row[2] as Data))
            }
            #expect(stored.elementsEqual(tables.nodes) { $0.0 == $1.level && $0.1 == $1.index && $0.2 == $1.hash.bytes })
        }
        #expect(exported == exportedFromSQLite)
        let report = try AuditExport.verify(lines: exported.split(separator: "\n"), logKey: Self.logVkey)
        #expect(report.isValid, "\(report)")
        #expect((report.entries, report.checkpointsChecked) == (70, 2))
    }

    @Test("an entry, its hash or a tree node altered in memory is found at its place; a rewritten tree is refused a checkpoint")
    func tampering() throws {
        let store = try AuditLogStore(origin: Self.origin)
        func log() throws -> InMemoryAuditTables {
            let tables = InMemoryAuditTables()
            for index in 0..<100 { try store.append(TestLog.draft(index), in: tables) }
            _ = try store.signCheckpoint(key: Self.key, in: tables)
            return tables
        }

        let altered = try log()
        altered.tamper(entryAt: 57) { $0[16] ^= 1 }  // the last byte of its time
        #expect(try store.verify(logKey: Self.logVkey, in: altered).failure == .hashMismatch(at: 57))

        // The entry's stored hash rewritten to match: the next entry's chain gives it away.
        let covered = try log()
        covered.tamper(entryAt: 56) { $0[16] ^= 1 }  // the last byte of its time
        covered.tamper(leafHashAt: 56, with: covered.entries[56].encoded.withUnsafeBytes { MerkleTree.leafHash($0) })
        #expect(try store.verify(logKey: Self.logVkey, in: covered).failure == .chainBreak(at: 57))

        // A node rewritten changes every root above it: verify locates it, and the log will
        // not sign a checkpoint that does not extend the one it signed before.
        let rewritten = try log()
        rewritten.tamper(nodeAt: 6, index: 0, with: try Digest(bytes: [UInt8](repeating: 7, count: 32)))
        #expect(try store.verify(logKey: Self.logVkey, in: rewritten).failure == .nodeMismatch(level: 6, index: 0))
        try store.append(TestLog.draft(100), in: rewritten)
        #expect(throws: AuditLogError.self) { try store.signCheckpoint(key: Self.key, in: rewritten) }
        let untouched = try log()
        try store.append(TestLog.draft(100), in: untouched)
        _ = try store.signCheckpoint(key: Self.key, in: untouched)
    }
}
