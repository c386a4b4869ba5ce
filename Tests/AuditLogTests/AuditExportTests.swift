import AuditLog
import Foundation
import GRDB
import GrievanceCrypto
import Testing

@Suite("Export and offline verification")
struct AuditExportTests {
    @Test("a stored log exported to a file verifies offline with the public keys alone, in Swift and in Python")
    func roundTrip() throws {
        let log = try TestLog()
        defer { log.remove() }
        let witness = try Witness(name: "auditor.example.org", key: .generate())
        try log.pool.write { (db: Database) throws in
            for index in 0..<70 { try log.store.append(TestLog.draft(index), in: db) }
            let note = try log.store.signCheckpoint(key: log.logKey, in: db)
            let cosigned = try witness.cosign(note, logKey: log.logVkey, state: nil, proof: [], time: 1_800_000_000).note
            try log.store.addCosignature(from: cosigned, witness: witness.verifierKey, in: db)
            for index in 70..<75 { try log.store.append(TestLog.draft(index), in: db) }
        }
        let file = log.directory.appendingPathComponent("audit.export")
        #expect(FileManager.default.createFile(atPath: file.path, contents: nil))
        let handle = try FileHandle(forWritingTo: file)
        let written = try log.pool.read { (db: Database) throws in
            try AuditExport.write(log.store, in: db) { line in try handle.write(contentsOf: Data(line.utf8)) }
        }
        try handle.close()
        #expect(written == 75)
        let report = try AuditExport.verify(lines: FileLines(url: file), logKey: log.logVkey, witnessKeys: [witness.verifierKey])
        #expect(report.isValid, "\(report)")
        #expect((report.entries, report.checkpointsChecked, report.cosignaturesChecked) == (75, 1, 1))
        let stored = try log.pool.read { (db: Database) throws in try log.store.verify(logKey: log.logVkey, in: db) }
        #expect(report.root == stored.root)

        let (status, output) = try PythonVerifier.run(
            [file.path, "--log-key", log.logVkey.description, "--witness-key", witness.verifierKey.description])
        #expect(status == 0)
        #expect(output == "ok: 75 entries, root \(report.root.hex), 1 checkpoints, 1 cosignatures\n")
    }

    @Test("a held checkpoint larger than the export reveals truncation; a foreign export is refused")
    func heldAndForeign() throws {
        let entries = AuditVectors.entries(30)
        let full = AuditVectors.checkpoint(of: entries, size: 30)
        let lines = AuditVectors.export(Array(entries[0..<25]), []).split(separator: "\n")
        let report = try AuditExport.verify(lines: lines, logKey: AuditVectors.logVkey, held: [full])
        #expect(report.failure == .truncated(size: 25, checkpoint: 30))
        #expect(throws: AuditLogError.self) {
            try AuditExport.verify(lines: ["not an export"], logKey: AuditVectors.logVkey)
        }
        #expect(throws: AuditLogError.self) {
            try AuditExport.verify(lines: [Substring(AuditExport.header), "origin someone.else/log"], logKey: AuditVectors.logVkey)
        }
        #expect(throws: AuditLogError.self) {
            try AuditExport.verify(lines: lines.prefix(2) + ["entry !!!"], logKey: AuditVectors.logVkey)
        }
    }

    @Test("entries refuse what the format forbids, and decode refuses trailing or missing bytes")
    func entryRules() throws {
        let good = try AuditEntry(sequence: 0, timeMilliseconds: 0, actor: "system", action: "log.started", caseReference: nil,
                                  details: [AuditDetail("b", "2"), AuditDetail("a", "1")], previousHash: .zero)
        #expect(good.details.map(\.key) == ["a", "b"])
        let lines = AuditVectors.export([good.encoded], []).split(separator: "\n")
        #expect(try AuditExport.verify(lines: lines, logKey: AuditVectors.logVkey).isValid)
        for bad in [("", "a.b"), ("system", "Case.Filed"), ("system", "case filed"), ("sys\u{7}tem", "a")] {
            #expect(throws: AuditLogError.self, "\(bad)") {
                try AuditEntry(sequence: 0, timeMilliseconds: 0, actor: bad.0, action: bad.1, caseReference: nil, details: [], previousHash: .zero)
            }
        }
        #expect(throws: AuditLogError.self) {
            try AuditEntry(sequence: 0, timeMilliseconds: 0, actor: "a", action: "a", caseReference: nil,
                           details: [AuditDetail("k", "1"), AuditDetail("k", "2")], previousHash: .zero)
        }
        #expect(throws: AuditLogError.self) {
            try AuditEntry(sequence: 0, timeMilliseconds: 0, actor: "a", action: "a", caseReference: nil,
                           details: (0..<33).map { AuditDetail("k\($0)", "") }, previousHash: .zero)
        }
        // Every strict prefix of an encoding, and the encoding with a byte added, fails to decode.
        let encoded = good.encoded
        for length in 0..<encoded.count {
            let verdict = try AuditExport.verify(lines: AuditVectors.export([Array(encoded.prefix(length))], []).split(separator: "\n"),
                                                 logKey: AuditVectors.logVkey)
            #expect(!verdict.isValid, "prefix of \(length) bytes")
        }
        let longer = try AuditExport.verify(lines: AuditVectors.export([encoded + [0]], []).split(separator: "\n"), logKey: AuditVectors.logVkey)
        #expect(longer.failure == .malformedEntry(at: 0))
    }
}
