import Cases
import CasesTesting
import Foundation
import GRDB
import GrievanceCrypto
import Testing

/// Unique markers in everything a reporter and a handler write; then the database file, its WAL
/// and its shared memory are read byte for byte. No marker may be there.
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
        func scan(_ stage: String) throws {
            let files = try FileManager.default.contentsOfDirectory(atPath: f.dataDirectory.path).filter { $0.hasPrefix("grievance.sqlite") }
            #expect(files.contains("grievance.sqlite"))
            for file in files {
                let bytes = try Data(contentsOf: f.dataDirectory.appendingPathComponent(file))
                #expect(bytes.range(of: Data(marker.utf8)) == nil, "\(marker) found in \(file) \(stage)")
                for other in markers { #expect(bytes.range(of: Data(other.utf8)) == nil, "\(other) found in \(file) \(stage)") }
                let receiptCharacters = markers.filter { $0.count == 23 && $0.split(separator: "-").count == 4 }.map { $0.replacingOccurrences(of: "-", with: "") }
                for receipt in receiptCharacters { #expect(bytes.range(of: Data(receipt.utf8)) == nil, "a receipt found in \(file)") }
            }
        }
        try scan("with the WAL in use")
        try f.database.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        try scan("after a checkpoint of the WAL")
        // The audit log holds actions and stages, never content.
        for entry in try f.auditEntries() {
            let text = "\(entry.actor) \(entry.action) \(entry.details.map { "\($0.key)=\($0.value)" })"
            #expect(!text.contains(marker))
        }
    }
}
