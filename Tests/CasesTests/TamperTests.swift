import Cases
import CasesTesting
import Foundation
import GRDB
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
        let recordA = try f.database.read { db in try Data.fetchOne(db, sql: "SELECT sealed FROM case_records WHERE case_ref = ? AND seq = 2", arguments: [a])! }
        let recordB = try f.database.read { db in try Data.fetchOne(db, sql: "SELECT sealed FROM case_records WHERE case_ref = ? AND seq = 2", arguments: [b])! }
        try f.database.write { db in
            try db.execute(sql: "UPDATE case_records SET sealed = ? WHERE case_ref = ? AND seq = 2", arguments: [recordB, a])
        }
        #expect(throws: CasesError.self) { try f.casework.show(a, as: f["amina"]) }
        try f.database.write { db in
            try db.execute(sql: "UPDATE case_records SET sealed = ? WHERE case_ref = ? AND seq = 2", arguments: [recordA, a])
        }
        _ = try f.casework.show(a, as: f["amina"])

        let sealA = try f.database.read { db in try Data.fetchOne(db, sql: "SELECT sealed FROM case_seals WHERE case_ref = ? AND recipient = 'amina'", arguments: [a])! }
        let sealB = try f.database.read { db in try Data.fetchOne(db, sql: "SELECT sealed FROM case_seals WHERE case_ref = ? AND recipient = 'amina'", arguments: [b])! }
        try f.database.write { db in
            try db.execute(sql: "UPDATE case_seals SET sealed = ? WHERE case_ref = ? AND recipient = 'amina'", arguments: [sealB, a])
        }
        #expect(throws: CasesError.self) { try f.casework.show(a, as: f["amina"]) }
        try f.database.write { db in
            try db.execute(sql: "UPDATE case_seals SET sealed = ? WHERE case_ref = ? AND recipient = 'amina'", arguments: [sealA, a])
        }

        var flipped = [UInt8](recordA)
        flipped[flipped.count - 3] ^= 0x04
        try f.database.write { db in
            try db.execute(sql: "UPDATE case_records SET sealed = ? WHERE case_ref = ? AND seq = 2", arguments: [Data(flipped), a])
        }
        #expect(throws: CasesError.self) { try f.casework.show(a, as: f["amina"]) }
        // A record renumbered (moved to another position in the same case) does not open either.
        try f.database.write { db in
            try db.execute(sql: "UPDATE case_records SET sealed = ? WHERE case_ref = ? AND seq = 2", arguments: [recordA, a])
            try db.execute(sql: "UPDATE case_records SET kind = 'decision' WHERE case_ref = ? AND seq = 2", arguments: [a])
        }
        #expect(throws: CasesError.self) { try f.casework.show(a, as: f["amina"]) }
    }
}
