import AuditLog
import Foundation
import GrievanceCrypto

/// Builds the export test vectors in Tests/AuditLogTests/Vectors from fixed keys and fixed
/// entries. Ed25519 is deterministic, so the same code always writes the same bytes: a test
/// checks the committed files against it, and GRIEVANCE_REGENERATE_VECTORS=1 rewrites them.
enum AuditVectors {
    static let origin = "grievance.example.org/audit"
    static let witnessName = "witness.example.org/officer"
    static let logKey = try! SigningKeyPair(seed: SecureBytes(copying: SHA256.hash(Array("grievance test vector: log key".utf8)).bytes))
    static let witnessKey = try! SigningKeyPair(seed: SecureBytes(copying: SHA256.hash(Array("grievance test vector: witness key".utf8)).bytes))
    static let logVkey = try! NoteVerifierKey(name: origin, type: .ed25519, publicKey: logKey.publicKey)
    static let witness = try! Witness(name: witnessName, key: witnessKey)

    struct Vector {
        let name: String
        let description: String
        let expect: String
        let text: String
    }

    static func field(_ index: Int) -> (actor: String, action: String, reference: String?, details: [AuditDetail]) {
        (index % 4 == 0 ? "handler.amina" : "system",
         ["case.filed", "case.read", "case.advanced", "case.assigned"][index % 4],
         index % 6 == 0 ? nil : "GRV-2026-\(100 + index % 9)",
         index % 2 == 0 ? [AuditDetail("to", "assessment"), AuditDetail("channel", "web")] : [])
    }

    /// Entries 0..<count, chained; `alter` may change the fields of one index as it is built.
    static func entries(_ count: Int, actorOverride: [Int: String] = [:], previousOverride: [Int: Digest] = [:]) -> [[UInt8]] {
        var previous = Digest.zero
        var result: [[UInt8]] = []
        for index in 0..<count {
            let f = field(index)
            let entry = try! AuditEntry(
                sequence: UInt64(index), timeMilliseconds: 1_790_000_000_000 + Int64(index) * 60_000,
                actor: actorOverride[index] ?? f.actor, action: f.action, caseReference: f.reference,
                details: f.details, previousHash: previousOverride[index] ?? previous)
            let encoded = entry.encoded
            result.append(encoded)
            previous = encoded.withUnsafeBytes { MerkleTree.leafHash($0) }
        }
        return result
    }

    static func checkpoint(of entries: [[UInt8]], size: Int, cosigned: Bool = false) -> SignedNote {
        let tree = InMemoryTree(leaves: Array(entries[0..<size]))
        let text = try! Checkpoint(origin: origin, size: UInt64(size), root: tree.rootHash(size: UInt64(size))).text
        let note = try! SignedNote.sign(text: text, name: origin, key: logKey)
        guard cosigned else { return note }
        return try! witness.cosign(note, logKey: logVkey, state: nil, proof: [], time: 1_790_003_600).note
    }

    static func export(_ entries: [[UInt8]], _ checkpoints: [SignedNote]) -> String {
        AuditExport.headerLines(origin: origin) + checkpoints.map(AuditExport.checkpointLine).joined()
            + entries.map(AuditExport.entryLine).joined()
    }

    static func file(_ vector: (name: String, description: String, expect: String, export: String)) -> Vector {
        let text = """
            # \(vector.description)
            expect: \(vector.expect)
            log-key: \(logVkey)
            witness-key: \(witness.verifierKey)

            \(vector.export)
            """
        return Vector(name: vector.name, description: vector.description, expect: vector.expect, text: text)
    }

    /// Flips one bit of the last signature of a note, keeping everything else.
    static func corruptLastSignature(_ note: SignedNote) -> SignedNote {
        var signatures = note.signatures
        let last = signatures.removeLast()
        var bytes = last.signature
        bytes[bytes.count - 5] ^= 0x01
        signatures.append(NoteSignature(name: last.name, keyID: last.keyID, signature: bytes))
        return try! SignedNote(text: note.text, signatures: signatures)
    }

    static func all() -> [Vector] {
        let good = entries(50)
        let c20 = checkpoint(of: good, size: 20)
        let c40 = checkpoint(of: good, size: 40)
        let c50 = checkpoint(of: good, size: 50, cosigned: true)
        let rewritten = Array(good[0..<25]) + Array(entries(50, actorOverride: [25: "handler.mallory"])[25...])
        var gap = good
        gap.remove(at: 30)
        var swapped = good
        swapped.swapAt(10, 11)
        var malformed = good
        malformed[5] = Array(malformed[5].prefix(20))
        return [
            ("ok", "A log of 50 entries, checkpoints at 20 and 50, the second cosigned by a witness.",
             "ok", export(good, [c20, c50])),
            ("empty", "An empty log with no checkpoint.", "ok", export([], [])),
            ("chain-break-at-17", "Entry 17 carries a previous hash that is not the hash of entry 16.",
             "chain break at 17", export(entries(50, previousOverride: [17: SHA256.hash([17])]), [c20, c50])),
            ("altered-entry-17", "Entry 17's actor was changed after the fact: entry 18 no longer links to it.",
             "chain break at 18", export(entries(50).enumerated().map { $0.offset == 17 ? entries(18, actorOverride: [17: "handler.mallory"])[17] : $0.element }, [c20, c50])),
            ("gap-at-30", "Entry 30 was removed.", "gap at 30 (next entry found is 31)", export(gap, [c20, c50])),
            ("swapped-10-11", "Entries 10 and 11 were swapped.", "gap at 10 (next entry found is 11)", export(swapped, [c20, c50])),
            ("malformed-entry-at-5", "Entry 5 was cut to 20 bytes.", "malformed entry at 5", export(malformed, [c20, c50])),
            ("truncated-below-checkpoint-40", "The log was cut to 35 entries; checkpoints at 20 and 40 were kept.",
             "truncated below checkpoint 40", export(Array(good[0..<35]), [c20, c40])),
            ("rewritten-from-25", "History from entry 25 on was rewritten and re-chained, but checkpoint 50 was signed before.",
             "checkpoint 50 does not match", export(rewritten, [c20, c50])),
            ("bad-checkpoint-signature", "The log's signature on checkpoint 20 was altered.",
             "bad signature on checkpoint 20", export(good, [corruptLastSignature(c20), c50])),
            ("bad-cosignature", "The witness's cosignature on checkpoint 50 was altered.",
             "bad cosignature on checkpoint 50 by \(witnessName)", export(good, [c20, corruptLastSignature(c50)])),
        ].map(file)
    }
}
