import AuditLog
@testable import Cases
import CasesTesting
import Foundation
import GrievanceCrypto
import Testing

@Suite("Re-keying: a holder removed reads nothing written after, even with a copy of the database and their key")
struct RekeyTests {
    /// What a holder can take away before they are removed: a copy of the database (of which
    /// the seals are what their key opens) and their own unlocked key (they know their passphrase).
    static func copyDatabase(_ f: CasesFixture) throws -> [[String: RawValue]] {
        try f.raw.rows("SELECT case_ref, recipient, sealed FROM case_seals")
    }

    /// The case key `id`'s seal in the copy opens, with their key pair.
    static func key(of reference: CaseReference, sealedTo person: UnlockedPrincipal, in copy: [[String: RawValue]], keyPair: BoxKeyPair) throws -> SymmetricKey {
        let sealed = try #require(copy.first { $0["case_ref"] == .text(reference.rawValue) && $0["recipient"] == .text(person.id) }?["sealed"]?.bytes)
        return try CaseKeyEnvelope.open(sealed, caseReference: reference.rawValue, with: keyPair)
    }

    /// The records of `reference` written after `sequence`, as stored.
    static func records(of reference: CaseReference, after sequence: Int, in f: CasesFixture) throws -> [(sequence: UInt64, kind: RecordKind, sealed: [UInt8])] {
        try f.raw.rows("SELECT seq, kind, sealed FROM case_records WHERE case_ref = ? AND seq > ? ORDER BY seq", .text(reference.rawValue), .integer(Int64(sequence)))
            .map { (UInt64(try #require($0["seq"]?.integer)), try #require(RecordKind(rawValue: $0["kind"]?.text ?? "")), try #require($0["sealed"]?.bytes)) }
    }

    @Test("excluded: a note written after does not open with the key they held; the remaining holders read every record")
    func excluded() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let marker = "REKEY-\(UUID().uuidString)"
        let filed = try f.intake.file(CasesFixture.intake(marker: marker))
        let bruno = f["bruno"]
        let brunoKeys = try f.administration.unlock(id: "bruno", passphrase: Passphrase(utf8: f.passphrases["bruno"]!))
        let stolen = try Self.copyDatabase(f)
        let before = try Self.records(of: filed.reference, after: 0, in: f).count
        let oldKey = try Self.key(of: filed.reference, sealedTo: bruno, in: stolen, keyPair: brunoKeys.boxKeyPair)

        try f.casework.exclude(filed.reference, principal: "bruno", by: f["amina"])
        try f.casework.addNote(filed.reference, text: "\(marker) written after bruno was excluded", by: f["amina"])

        let after = try Self.records(of: filed.reference, after: before, in: f)
        #expect(!after.isEmpty)
        for record in after where record.kind == .note {
            #expect(throws: (any Error).self) {
                try RecordEnvelope.open(record.sealed, key: oldKey, caseReference: filed.reference.rawValue, sequence: record.sequence, kind: record.kind)
            }
        }
        // Their copy of the key is gone, and amina and the reporter read everything.
        #expect(throws: CasesError.self) { try f.casework.show(filed.reference, as: bruno) }
        let view = try f.casework.show(filed.reference, as: f["amina"])
        #expect(view.records.contains { $0.text.contains("written after bruno was excluded") })
        #expect(view.complaint.description.contains(marker))
        #expect(try f.intake.followUp(receipt: filed.receipt).reference == filed.reference)
        #expect(try f.auditEntries().contains { $0.action == "case.rekeyed" && $0.details.contains(AuditDetail("removed", "bruno")) })
    }

    @Test("disabled by an administrator, who holds no case key: the next holder's action re-keys the case before writing")
    func disabled() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let filed = try f.intake.file(CasesFixture.intake(marker: "disabled"))
        let bruno = f["bruno"]
        let brunoKeys = try f.administration.unlock(id: "bruno", passphrase: Passphrase(utf8: f.passphrases["bruno"]!))
        let stolen = try Self.copyDatabase(f)
        let oldKey = try Self.key(of: filed.reference, sealedTo: bruno, in: stolen, keyPair: brunoKeys.boxKeyPair)
        let before = try Self.records(of: filed.reference, after: 0, in: f).count
        let shownBefore = try f.casework.show(filed.reference, as: f["amina"]).records.count

        try f.administration.disablePrincipal("bruno", by: f["admin"])
        // The reporter adds to their case first: their own path re-keys it too.
        try f.intake.addReporterMessage(receipt: filed.receipt, text: "more after bruno left")
        try f.casework.addNote(filed.reference, text: "a note after bruno left", by: f["amina"])
        let after = try Self.records(of: filed.reference, after: before, in: f)
        #expect(after.count == 2)
        for record in after {
            #expect(throws: (any Error).self) {
                try RecordEnvelope.open(record.sealed, key: oldKey, caseReference: filed.reference.rawValue, sequence: record.sequence, kind: record.kind)
            }
        }
        #expect(try f.auditEntries().filter { $0.action == "case.rekeyed" }.count == 1)
        #expect(try f.casework.show(filed.reference, as: f["amina"]).records.count == shownBefore + 2)
    }
}
