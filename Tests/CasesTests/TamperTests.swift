import Cases
import CasesTesting
import Foundation
import GrievanceCrypto
import Testing

@Suite("Ciphertexts moved behind the service's back do not open")
struct TamperTests {
    @Test("a record swapped between two cases, a seal moved to another case, a flipped byte: refused as damage")
    func swaps() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let a = try f.intake.file(CasesFixture.intake(marker: "A")).reference
        let b = try f.intake.file(CasesFixture.intake(marker: "B")).reference
        try f.casework.addNote(a, text: "note A", by: f["amina"])
        try f.casework.addNote(b, text: "note B", by: f["amina"])
        // Each damage is applied for real (show() reads through its own connection) and undone by hand.
        func sealed(_ sql: String, _ reference: CaseReference) throws -> RawValue { try #require(try f.raw.value(sql, .text(reference.rawValue))) }
        let recordA = try sealed("SELECT sealed FROM case_records WHERE case_ref = ? AND seq = 2", a)
        let recordB = try sealed("SELECT sealed FROM case_records WHERE case_ref = ? AND seq = 2", b)
        let setRecord = "UPDATE case_records SET sealed = ? WHERE case_ref = ? AND seq = 2"
        #expect(try f.raw.execute(setRecord, recordB, .text(a.rawValue)) == 1)
        #expect(throws: CasesError.self) { try f.casework.show(a, as: f["amina"]) }
        try f.raw.execute(setRecord, recordA, .text(a.rawValue))
        _ = try f.casework.show(a, as: f["amina"])

        let sealA = try sealed("SELECT sealed FROM case_seals WHERE case_ref = ? AND recipient = 'amina'", a)
        let sealB = try sealed("SELECT sealed FROM case_seals WHERE case_ref = ? AND recipient = 'amina'", b)
        let setSeal = "UPDATE case_seals SET sealed = ? WHERE case_ref = ? AND recipient = 'amina'"
        #expect(try f.raw.execute(setSeal, sealB, .text(a.rawValue)) == 1)
        #expect(throws: CasesError.self) { try f.casework.show(a, as: f["amina"]) }
        try f.raw.execute(setSeal, sealA, .text(a.rawValue))

        var flipped = try #require(recordA.bytes)
        flipped[flipped.count - 3] ^= 0x04
        #expect(try f.raw.execute(setRecord, .bytes(flipped), .text(a.rawValue)) == 1)
        #expect(throws: CasesError.self) { try f.casework.show(a, as: f["amina"]) }
        // A record renumbered (moved to another position in the same case) does not open either.
        try f.raw.transaction { tables in
            try tables.execute(setRecord, [recordA, .text(a.rawValue)])
            try tables.execute("UPDATE case_records SET kind = 'decision' WHERE case_ref = ? AND seq = 2", [.text(a.rawValue)])
        }
        #expect(throws: CasesError.self) { try f.casework.show(a, as: f["amina"]) }
    }
}
