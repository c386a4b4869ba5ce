import Cases
import CasesTesting
import Foundation
import GrievanceCrypto
import Testing

/// Unique markers in everything a reporter and a handler write; then the files that hold the
/// tables are read byte for byte — SQLite's file, its WAL and its shared memory, or
/// PostgreSQL's files of the database and its write-ahead log. No marker may be there.
@Suite("Nothing written in a case reaches the disk in clear")
struct CanaryTests {
    @Test("markers in complaint, names, contacts, notes, messages and reasons are nowhere in the database files")
    func canary() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let marker = "CANARY-\(Hex.encode(RandomBytes.make(count: 6)))"
        var markers: [String] = []
        for index in 0..<5 {
            let tag = "\(marker)-\(index)"
            let filed = try f.intake.file(CasesFixture.intake(marker: tag))
            markers += ["\(tag)-description", "\(tag)-respondent", "\(tag)-name", "\(tag)-contact@example.org"]
            try f.casework.advance(filed.reference, to: "acknowledged", reason: "\(tag)-reason", by: f["amina"])
            try f.casework.addNote(filed.reference, text: "\(tag)-note", by: f["amina"])
            try f.casework.messageReporter(filed.reference, text: "\(tag)-to-reporter", by: f["amina"])
            try f.intake.addReporterMessage(receipt: filed.receipt, text: "\(tag)-from-reporter")
            _ = try f.casework.show(filed.reference, as: f["bruno"])
            _ = try f.intake.followUp(receipt: filed.receipt)
            markers += ["\(tag)-reason", "\(tag)-note", "\(tag)-to-reporter", "\(tag)-from-reporter", filed.receipt.formatted]
        }
        // SQLite's file and its WAL; PostgreSQL's files of this database after a CHECKPOINT,
        // and its write-ahead log (the whole cluster's).
        func scan(_ stage: String) throws {
            let tables = try f.databaseFiles()
            let files = tables + (f.engine == .postgres ? try PostgresFiles.writeAheadLog() : [])
            #expect(f.engine == .postgres || files.contains { $0.name == "grievance.sqlite" })
            // What is stored in clear is found: the scan reads the files that hold the tables.
            #expect(tables.contains { $0.bytes.holds(CasesFixture.congress.name.utf8) }, "the scan does not read the tables' files")
            let receipts = markers.filter { $0.count == 23 && $0.split(separator: "-").count == 4 }.map { $0.replacingOccurrences(of: "-", with: "") }
            for (file, bytes) in files {
                #expect(!bytes.holds(marker.utf8), "\(marker) found in \(file) \(stage)")
                for other in markers { #expect(!bytes.holds(other.utf8), "\(other) found in \(file) \(stage)") }
                for receipt in receipts { #expect(!bytes.holds(receipt.utf8), "a receipt found in \(file)") }
            }
        }
        try scan("as written")
        // SQLite's WAL copied into the file; PostgreSQL's case tables rewritten (VACUUM FULL).
        #expect(try f.installation.storage.removeDeletedCopies())
        try scan("after the engine's log was emptied")
        // The audit log holds actions and stages, never content.
        for entry in try f.auditEntries() {
            let text = "\(entry.actor) \(entry.action) \(entry.details.map { "\($0.key)=\($0.value)" })"
            #expect(!text.contains(marker))
        }
    }
}
