import Cases
import CasesTesting
import Foundation
import GrievanceCrypto
import Testing

@Suite("Attachments: streamed into ciphertext, readable only whole and unaltered")
struct AttachmentTests {
    static func sealed(_ bytes: [UInt8], name: String = "photo.jpg", _ f: CasesFixture) throws -> SealedAttachment {
        let sealer = try f.intake.attachmentSealer(name: name, contentType: "image/jpeg")
        // Arrives in uneven pieces, as a network delivers it.
        var offset = 0
        var step = 1
        while offset < bytes.count {
            let end = min(bytes.count, offset + step)
            try sealer.append(bytes[offset..<end])
            offset = end
            step = step * 3 + 7
        }
        return try sealer.finish()
    }

    static func read(_ f: CasesFixture, _ reference: CaseReference, _ sequence: UInt64) throws -> [UInt8] {
        var out: [UInt8] = []
        try f.casework.readAttachment(reference, sequence: sequence, as: f["amina"]) { out += $0 }
        return out
    }

    /// A file of `count` bytes that starts with `marker`.
    static func file(_ marker: String, count: Int) -> [UInt8] {
        var bytes = Array(marker.utf8)
        while bytes.count < count { bytes.append(UInt8(truncatingIfNeeded: bytes.count &* 31)) }
        return Array(bytes.prefix(count))
    }

    @Test("files of every awkward size come back byte for byte; their content is nowhere on disk")
    func roundTrip() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let marker = "ATTACH-\(UUID().uuidString)"
        let sizes = [0, 1, AttachmentSealer.chunkBytes - 1, AttachmentSealer.chunkBytes, AttachmentSealer.chunkBytes + 1, 300_001]
        let files = sizes.prefix(5).map { Self.file(marker, count: max($0, marker.utf8.count)) }
        let filed = try f.intake.file(CasesFixture.intake(marker: marker), attachments: try files.map { try Self.sealed($0, f) })
        let view = try f.casework.show(filed.reference, as: f["amina"])
        #expect(view.attachments.map(\.info.size) == files.map(\.count))
        #expect(view.attachments.allSatisfy { $0.info.name == "photo.jpg" && $0.author == "reporter" })
        for (listing, original) in zip(view.attachments, files) {
            #expect(try Self.read(f, filed.reference, listing.sequence) == original)
        }
        #expect(try f.auditEntries().filter { $0.action == "case.attachment-read" }.count == files.count)
        #expect(try f.filesHolding(marker).isEmpty)
    }

    @Test("while a file arrives its ciphertext waits in the spool, never its plaintext, and nothing is left once discarded")
    func spool() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let spool = f.dataDirectory.appendingPathComponent("spool")
        func spooled() throws -> [Data] {
            try FileManager.default.contentsOfDirectory(atPath: spool.path).map { try Data(contentsOf: spool.appendingPathComponent($0)) }
        }
        let marker = "SPOOL-\(UUID().uuidString)"
        let original = Self.file(marker, count: 3 * AttachmentSealer.chunkBytes + 5)
        let sealer = try f.intake.attachmentSealer(name: "a.txt", contentType: "text/plain")
        try sealer.append(original)
        let waiting = try spooled()
        #expect(waiting.count == 1)
        #expect(waiting.first.map { $0.count >= 3 * AttachmentSealer.chunkBytes } == true, "the chunks were not spooled as they came")
        #expect(waiting.allSatisfy { $0.range(of: Data(marker.utf8)) == nil })
        #expect((try FileManager.default.attributesOfItem(atPath: spool.path)[.posixPermissions] as? Int) == 0o700)
        let sealed = try sealer.finish()
        let filed = try f.intake.file(CasesFixture.intake(), attachments: [sealed])
        sealed.discard()
        #expect(try spooled().isEmpty)
        let sequence = try f.casework.show(filed.reference, as: f["amina"]).attachments[0].sequence
        #expect(try Self.read(f, filed.reference, sequence) == original)

        let abandoned = try f.intake.attachmentSealer(name: "b.txt", contentType: "text/plain")
        try abandoned.append(original)
        abandoned.discard()
        #expect(try spooled().isEmpty)
    }

    @Test("limits: a file over 10 MB is refused while it arrives; more than five files are refused")
    func limits() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let sealer = try f.intake.attachmentSealer(name: "big.bin", contentType: "")
        #expect(throws: CasesError.self) {
            for _ in 0...(AttachmentSealer.maximumBytes / AttachmentSealer.chunkBytes) {
                try sealer.append([UInt8](repeating: 1, count: AttachmentSealer.chunkBytes))
            }
        }
        let six = try (0..<6).map { _ in try Self.sealed([1, 2, 3], f) }
        #expect(throws: CasesError.invalid(.attachments, .tooMany(maximum: 5))) {
            try f.intake.file(CasesFixture.intake(), attachments: six)
        }
        #expect(try f.intake.attachmentSealer(name: "../../etc/passwd", contentType: "text/plain").name == "passwd")
        #expect(try f.intake.attachmentSealer(name: "", contentType: String(repeating: "x", count: 200)).contentType == "application/octet-stream")
    }

    @Test("a flipped byte, a dropped, swapped or extra chunk, a key moved between attachments: all refused as damage")
    func tampering() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let original = Self.file("TAMPER", count: 3 * AttachmentSealer.chunkBytes + 10)
        let filed = try f.intake.file(CasesFixture.intake(), attachments: [try Self.sealed(original, f), try Self.sealed(original, name: "b.jpg", f)])
        let listings = try f.casework.show(filed.reference, as: f["amina"]).attachments
        let (first, second) = (listings[0].sequence, listings[1].sequence)
        let damaged = CasesError.damaged("attachment #\(first) of \(filed.reference)")
        let (reference, firstSequence) = (RawValue.text(filed.reference.rawValue), RawValue.integer(Int64(first)))
        func alter(_ sql: String, _ arguments: RawValue...) throws {
            try f.raw.transaction { try $0.execute(sql, arguments) }
        }
        func chunk(_ index: Int, of sequence: UInt64) throws -> RawValue {
            try #require(try f.raw.value("SELECT chunk FROM case_attachment_chunks WHERE case_ref = ? AND record_seq = ? AND idx = ?",
                                         reference, .integer(Int64(sequence)), .integer(Int64(index))))
        }
        let pristine = try (0..<4).map { try chunk($0, of: first) }
        func restore() throws {
            try alter("DELETE FROM case_attachment_chunks WHERE case_ref = ? AND record_seq = ?", reference, firstSequence)
            for (index, data) in pristine.enumerated() {
                try alter("INSERT INTO case_attachment_chunks VALUES (?, ?, ?, ?)", reference, firstSequence, .integer(Int64(index)), data)
            }
            #expect(try Self.read(f, filed.reference, first) == original)
        }

        var flipped = try #require(pristine[1].bytes)
        flipped[40] ^= 0x01
        try alter("UPDATE case_attachment_chunks SET chunk = ? WHERE case_ref = ? AND record_seq = ? AND idx = 1", .bytes(flipped), reference, firstSequence)
        #expect(throws: damaged) { try Self.read(f, filed.reference, first) }
        try restore()

        try alter("DELETE FROM case_attachment_chunks WHERE case_ref = ? AND record_seq = ? AND idx = 3", reference, firstSequence)
        #expect(throws: damaged) { try Self.read(f, filed.reference, first) }  // cut short: no final chunk
        try restore()

        for (index, data) in [(1, pristine[2]), (2, pristine[1])] {
            try alter("UPDATE case_attachment_chunks SET chunk = ? WHERE case_ref = ? AND record_seq = ? AND idx = ?",
                      data, reference, firstSequence, .integer(Int64(index)))
        }
        #expect(throws: damaged) { try Self.read(f, filed.reference, first) }
        try restore()

        try alter("INSERT INTO case_attachment_chunks VALUES (?, ?, 4, ?)", reference, firstSequence, pristine[3])
        #expect(throws: damaged) { try Self.read(f, filed.reference, first) }  // a chunk after the final one
        try restore()

        // The second attachment's key and stream, put in place of the first's: its key is bound
        // to its own record, so it does not open there.
        try alter("""
            UPDATE case_attachments SET sealed_key = (SELECT sealed_key FROM case_attachments WHERE case_ref = ?1 AND record_seq = ?3),
                                        header = (SELECT header FROM case_attachments WHERE case_ref = ?1 AND record_seq = ?3)
            WHERE case_ref = ?1 AND record_seq = ?2
            """, reference, firstSequence, .integer(Int64(second)))
        #expect(throws: damaged) { try Self.read(f, filed.reference, first) }
    }

    @Test("only those who may read the case open its attachments, and a refusal is logged")
    func access() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let filed = try f.intake.file(CasesFixture.intake(), attachments: [try Self.sealed([1, 2, 3], f)])
        let sequence = try f.casework.show(filed.reference, as: f["amina"]).attachments[0].sequence
        let before = try f.denials()
        for id in ["ivan", "exec", "admin"] {
            #expect(throws: CasesError.self) { try f.casework.readAttachment(filed.reference, sequence: sequence, as: f[id]) { _ in } }
        }
        #expect(try f.denials() == before + 3)
    }
}
