import Foundation
import AuditLog
import GrievanceCrypto
import Testing

@Suite("Signed notes, checkpoints and cosignatures")
struct SignedNoteTests {
    // golang.org/x/mod/sumdb/note: an implementation independent of ours.
    static let peterSeed = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"  // base64(0x01 ‖ seed), from its PRIVATE+KEY
    static let peterVkey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
    static let peterText = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
    static let peterNote = peterText + "\n\u{2014} PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"

    @Test("our note signature is the Go sumdb/note reference, byte for byte")
    func goReferenceNote() throws {
        let raw = Array(Data(base64Encoded: Self.peterSeed)!)
        let key = try SigningKeyPair(seed: SecureBytes(copying: raw.dropFirst()))
        let note = try SignedNote.sign(text: Self.peterText, name: "PeterNeumann", key: key)
        #expect(note.serialized == Self.peterNote)
        let vkey = try NoteVerifierKey(parsing: Self.peterVkey)
        #expect(vkey.description == Self.peterVkey)
        #expect(try NoteVerifierKey(name: "PeterNeumann", type: .ed25519, publicKey: key.publicKey) == vkey)
        let parsed = try SignedNote(parsing: Self.peterNote)
        try parsed.verifyLogSignature(by: vkey)
        let altered = try SignedNote(parsing: Self.peterNote.replacingOccurrences(of: "cryptography", with: "cryptographY"))
        #expect(throws: AuditLogError.self) { try altered.verifyLogSignature(by: vkey) }
    }

    @Test("verifier keys: a witness key of type 0x04 parses; mangled keys are refused")
    func verifierKeys() throws {
        let remora = "remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2"
        let key = try NoteVerifierKey(parsing: remora)
        #expect(key.type == .cosignatureV1)
        #expect(key.description == remora)
        for bad in ["PeterNeumann", "PeterNeumann+c74f20a3", "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
                    "PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
                    "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T", "PeterNeumann+c74f20a3+AhAc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"] {
            #expect(throws: AuditLogError.self, "\(bad)") { try NoteVerifierKey(parsing: bad) }
        }
    }

    @Test("notes without a blank line, a newline, a signature or with control characters are refused")
    func malformedNotes() {
        for bad in [Self.peterText, Self.peterNote.replacingOccurrences(of: "\n\u{2014}", with: "\n-"),
                    String(Self.peterNote.dropLast()), Self.peterText + "\n", "a\u{7}b\n\n" + Self.peterNote.split(separator: "\n").last! + "\n"] {
            #expect(throws: AuditLogError.self) { try SignedNote(parsing: bad) }
        }
    }

    @Test("checkpoints round-trip and refuse extension lines and bad roots")
    func checkpoints() throws {
        let checkpoint = try Checkpoint(origin: "grievance.example.org/audit", size: 42, root: SHA256.hash([1]))
        #expect(try Checkpoint(text: checkpoint.text) == checkpoint)
        #expect(throws: AuditLogError.self) { try Checkpoint(text: checkpoint.text + "extension\n") }
        #expect(throws: AuditLogError.self) { try Checkpoint(text: "o\n042\n\(Data(repeating: 0, count: 32).base64EncodedString())\n") }
        #expect(throws: AuditLogError.self) { try Checkpoint(text: "o\n1\nAAAA\n") }
    }

    @Test("a witness cosigns only a checkpoint that extends the last one it cosigned")
    func witness() throws {
        let origin = "grievance.example.org/audit"
        let logKey = SigningKeyPair.generate()
        let logVkey = try NoteVerifierKey(name: origin, type: .ed25519, publicKey: logKey.publicKey)
        let witness = try Witness(name: "officer.example.org/w1", key: .generate())
        let leaves = (0..<30).map { SHA256.hash([UInt8($0)]) }
        let tree = InMemoryTree(leafHashes: leaves)
        func note(_ size: UInt64, root: Digest? = nil) throws -> SignedNote {
            let checkpoint = try Checkpoint(origin: origin, size: size, root: root ?? tree.rootHash(size: size))
            return try SignedNote.sign(text: checkpoint.text, name: origin, key: logKey)
        }
        let first = try witness.cosign(note(10), logKey: logVkey, state: nil, proof: [], time: 1_700_000_000)
        #expect(try Cosignature.verify(first.note, witness: witness.verifierKey) == 1_700_000_000)
        #expect(first.state.size == 10)
        let second = try witness.cosign(
            note(25), logKey: logVkey, state: first.state, proof: tree.consistencyProof(oldSize: 10, newSize: 25), time: 1_700_000_100)
        #expect(second.state.size == 25)
        #expect(try WitnessState(text: second.state.text) == second.state)
        // A smaller tree, a fork at the same size, a bad proof, another log's key: all refused.
        #expect(throws: AuditLogError.self) { try witness.cosign(note(20), logKey: logVkey, state: second.state, proof: [], time: 1) }
        #expect(throws: AuditLogError.self) {
            try witness.cosign(note(25, root: SHA256.hash([9])), logKey: logVkey, state: second.state, proof: [], time: 1)
        }
        #expect(throws: AuditLogError.self) {
            try witness.cosign(note(30), logKey: logVkey, state: second.state, proof: tree.consistencyProof(oldSize: 24, newSize: 30), time: 1)
        }
        let stranger = try NoteVerifierKey(name: origin, type: .ed25519, publicKey: SigningKeyPair.generate().publicKey)
        #expect(throws: AuditLogError.self) { try witness.cosign(note(30), logKey: stranger, state: nil, proof: [], time: 1) }
        // A flipped byte of the cosignature does not verify.
        var lines = second.note.serialized.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let last = lines.count - 2
        var chars = Array(lines[last])
        chars[chars.count - 5] = chars[chars.count - 5] == "A" ? "B" : "A"
        lines[last] = String(chars)
        let tampered = try SignedNote(parsing: lines.joined(separator: "\n"))
        #expect(throws: AuditLogError.self) { try Cosignature.verify(tampered, witness: witness.verifierKey) }
    }
}
