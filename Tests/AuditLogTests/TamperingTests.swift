import AuditLog
import Foundation
import GRDB
import GrievanceCrypto
import Testing

/// Property-style: a random log, random damage, and the verifier must find it at the right place.
@Suite("Tampering with the stored log is detected and located")
struct TamperingTests {
    static let size = 300

    /// A log of 300 entries with signed checkpoints at 100, 200 and 300.
    static func makeLog() throws -> (DatabaseQueue, AuditLogStore, NoteVerifierKey, [SignedNote]) {
        let (queue, store) = try TestLog.inMemory()
        let key = SigningKeyPair.generate()
        let vkey = try NoteVerifierKey(name: TestLog.origin, type: .ed25519, publicKey: key.publicKey)
        let notes = try queue.write { (db: Database) throws in
            try (0..<size).compactMap { index -> SignedNote? in
                try store.append(TestLog.draft(index), in: db)
                return (index + 1) % 100 == 0 ? try store.signCheckpoint(key: key, in: db) : nil
            }
        }
        return (queue, store, vkey, notes)
    }

    /// Applies `damage` behind the log's back, verifies, and undoes it.
    static func verify(after damage: (Database) throws -> Void, queue: DatabaseQueue, store: AuditLogStore,
                       vkey: NoteVerifierKey, held: [SignedNote] = []) throws -> AuditVerificationReport {
        try queue.inDatabase { (db: Database) throws in
            var report: AuditVerificationReport?
            try db.inSavepoint {
                try TestLog.dropTriggers(db)
                try damage(db)
                report = try store.verify(logKey: vkey, held: held, in: db)
                return .rollback
            }
            return report!
        }
    }

    @Test("the untouched log verifies", arguments: [0])
    func untouched(_: Int) throws {
        let (queue, store, vkey, notes) = try Self.makeLog()
        let report = try queue.read { (db: Database) throws in try store.verify(logKey: vkey, held: notes, in: db) }
        #expect(report.isValid, "\(report)")
        #expect(report.checkpointsChecked == 6)
    }

    @Test("a flipped byte anywhere in a stored entry is found at that entry", arguments: 0..<40)
    func flippedEntryByte(seed: Int) throws {
        var random = SeededGenerator(seed: UInt64(seed))
        let (queue, store, vkey, _) = try Self.makeLog()
        let row = Int.random(in: 0..<Self.size, using: &random)
        let entry = try queue.read { (db: Database) throws in try Data.fetchOne(db, sql: "SELECT entry FROM audit_entries WHERE seq = ?", arguments: [row])! }
        var bytes = [UInt8](entry)
        let position = Int.random(in: 0..<bytes.count, using: &random)
        bytes[position] ^= UInt8.random(in: 1...255, using: &random)
        let report = try Self.verify(after: { (db: Database) throws in
            try db.execute(sql: "UPDATE audit_entries SET entry = ? WHERE seq = ?", arguments: [Data(bytes), row])
        }, queue: queue, store: store, vkey: vkey)
        let at = UInt64(row)
        #expect([.hashMismatch(at: at), .malformedEntry(at: at), .wrongSequence(at: at)].contains(report.failure),
                "row \(row) byte \(position): \(report.summary)")
    }

    @Test("a flipped byte of a stored hash, case index or tree node is found where it is", arguments: 0..<20)
    func flippedBesideTheEntry(seed: Int) throws {
        var random = SeededGenerator(seed: UInt64(1000 + seed))
        let (queue, store, vkey, _) = try Self.makeLog()
        let row = Int.random(in: 0..<Self.size, using: &random)
        let hashReport = try Self.verify(after: { (db: Database) throws in
            try db.execute(sql: "UPDATE audit_entries SET leaf_hash = zeroblob(32) WHERE seq = ?", arguments: [row])
        }, queue: queue, store: store, vkey: vkey)
        #expect(hashReport.failure == .hashMismatch(at: UInt64(row)))
        let indexReport = try Self.verify(after: { (db: Database) throws in
            try db.execute(sql: "UPDATE audit_entries SET case_ref = 'GRV-9999' WHERE seq = ?", arguments: [row])
        }, queue: queue, store: store, vkey: vkey)
        #expect(indexReport.failure == .indexMismatch(at: UInt64(row)))
        let nodeCount = try queue.read { (db: Database) throws in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_nodes")! }
        let nodeID = Int.random(in: 1...nodeCount, using: &random)
        let (level, index) = try queue.read { (db: Database) throws in
            let node = try Row.fetchOne(db, sql: "SELECT level, idx FROM audit_nodes WHERE id = ?", arguments: [nodeID])!
            return (node[0] as Int, node[1] as Int64)
        }
        let nodeReport = try Self.verify(after: { (db: Database) throws in
            try db.execute(sql: "UPDATE audit_nodes SET hash = randomblob(32) WHERE id = ?", arguments: [nodeID])
        }, queue: queue, store: store, vkey: vkey)
        #expect(nodeReport.failure == .nodeMismatch(level: level, index: UInt64(index)))
    }

    @Test("a deleted entry shows as a gap; two swapped entries as a wrong sequence", arguments: 0..<20)
    func deletedOrSwapped(seed: Int) throws {
        var random = SeededGenerator(seed: UInt64(2000 + seed))
        let (queue, store, vkey, _) = try Self.makeLog()
        let row = Int.random(in: 0..<(Self.size - 1), using: &random)
        let deleted = try Self.verify(after: { (db: Database) throws in
            try db.execute(sql: "DELETE FROM audit_entries WHERE seq = ?", arguments: [row])
        }, queue: queue, store: store, vkey: vkey)
        #expect(deleted.failure == .gap(expected: UInt64(row), found: UInt64(row + 1)))
        let other = Int.random(in: (row + 1)..<Self.size, using: &random)
        let swapped = try Self.verify(after: { (db: Database) throws in
            try db.execute(sql: """
                UPDATE audit_entries SET entry = CASE seq WHEN ?1 THEN (SELECT entry FROM audit_entries WHERE seq = ?2)
                                                          ELSE (SELECT entry FROM audit_entries WHERE seq = ?1) END,
                                     leaf_hash = CASE seq WHEN ?1 THEN (SELECT leaf_hash FROM audit_entries WHERE seq = ?2)
                                                          ELSE (SELECT leaf_hash FROM audit_entries WHERE seq = ?1) END
                WHERE seq IN (?1, ?2)
                """, arguments: [row, other])
        }, queue: queue, store: store, vkey: vkey)
        #expect(swapped.failure == .wrongSequence(at: UInt64(row)))
    }

    @Test("entries cut off after a checkpoint are reported as truncation", arguments: [210, 250, 299])
    func truncation(keep: Int) throws {
        let (queue, store, vkey, _) = try Self.makeLog()
        let report = try Self.verify(after: { (db: Database) throws in
            try db.execute(sql: "DELETE FROM audit_entries WHERE seq >= ?", arguments: [keep])
            // A careful vandal also removes the nodes the lost entries completed.
            try db.execute(sql: "DELETE FROM audit_nodes WHERE (idx + 1) * (1 << level) > ?", arguments: [keep])
        }, queue: queue, store: store, vkey: vkey)
        #expect(report.failure == .truncated(size: UInt64(keep), checkpoint: 300))
    }

    @Test("history rewritten whole, checkpoints deleted: the checkpoints held elsewhere catch it", arguments: [3, 150, 260])
    func rewrittenHistory(from start: Int) throws {
        let (queue, store, vkey, notes) = try Self.makeLog()
        let rewrite: (Database) throws -> Void = { (db: Database) throws in
            // Rebuild everything from `start` as the log itself would, with one action changed,
            // and remove the log's own checkpoints: a consistent forgery but for the held ones.
            try db.execute(sql: "DELETE FROM audit_entries WHERE seq >= ?", arguments: [start])
            try db.execute(sql: "DELETE FROM audit_nodes WHERE (idx + 1) * (1 << level) > ?", arguments: [start])
            try db.execute(sql: "DELETE FROM audit_checkpoints")
            for index in start..<Self.size {
                var draft = TestLog.draft(index)
                if index == start { draft.action = "case.deleted-quietly" }
                try store.append(draft, in: db)
            }
        }
        let unheld = try Self.verify(after: rewrite, queue: queue, store: store, vkey: vkey)
        #expect(unheld.isValid, "without held checkpoints a consistent rewrite cannot be seen: \(unheld.summary)")
        let held = try Self.verify(after: rewrite, queue: queue, store: store, vkey: vkey, held: notes)
        let firstCovering = UInt64((start / 100 + 1) * 100)
        #expect(held.failure == .checkpointMismatch(size: firstCovering))
    }
}
