@testable import Cases
import CasesTesting
import Foundation
import GrievanceCrypto
import Testing

@Suite("The recovery key, rotated")
struct RecoveryKeyRotationTests {
    @Test("every seal moves to the new key; the old one recovers nobody; a server opened before seals new cases to the new one")
    func rotation() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let before = try f.intake.file(CasesFixture.intake())
        // A desk opened before the rotation, as a running server is.
        let server = try f.installation.intakeDesk()
        // It has filed, so its routing (and the recovery key read with it) is cached.
        _ = try server.file(CasesFixture.intake())
        let fresh = try f.administration.rotateRecoveryKey(f.recoveryKey)
        #expect(fresh.publicKeyHex != f.recoveryKey.publicKeyHex)
        let after = try server.file(CasesFixture.intake())
        for reference in [before.reference, after.reference] {
            let seal = try #require(try f.raw.value("SELECT sealed FROM case_seals WHERE case_ref = ? AND recipient = '@recovery'",
                                                    .text(reference.rawValue))?.bytes)
            #expect((try? CaseKeyEnvelope.open(seal, caseReference: reference.rawValue, with: fresh.keyPair)) != nil)
            #expect((try? CaseKeyEnvelope.open(seal, caseReference: reference.rawValue, with: f.recoveryKey.keyPair)) == nil)
        }
        #expect(throws: CasesError.invalid(.recoveryKey, .notThisOrganisations)) { try f.administration.recoverPrincipal("amina", recoveryKey: f.recoveryKey) }
        #expect(throws: CasesError.invalid(.recoveryKey, .notThisOrganisations)) { try f.administration.rotateRecoveryKey(f.recoveryKey) }

        // The data directory opens (the organisation key endorses the new key), and the new key
        // brings a person back to both cases.
        let reopened = try DataDirectory(path: f.dataDirectory.path).open(clock: { f.clock.now })
        let code = try reopened.administration.recoverPrincipal("amina", recoveryKey: fresh)
        let amina = try reopened.administration.enrol(id: "amina", code: code, passphrase: Passphrase(utf8: "a new passphrase for amina 42"))
        for reference in [before.reference, after.reference] { _ = try reopened.casework.show(reference, as: amina) }
        // Backups are sealed to the new key.
        let backup = f.folder.appendingPathComponent("after.backup").path
        _ = try f.installation.createBackup(to: backup)
        #expect(throws: FileError.self) { try Backup.verify(backup, recoveryKey: f.recoveryKey) }
        #expect(try Backup.verify(backup, recoveryKey: fresh).cases == 3)
        #expect(try f.auditEntries().contains { $0.action == "recovery-key.rotated" && $0.actor == "recovery-key" })
        #expect(try f.administration.verifyAudit().isValid)
    }

    @Test("a rotation whose new key cannot be kept does not happen")
    func keptBeforeCommit() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        struct CannotWrite: Error {}
        #expect(throws: CannotWrite.self) { try f.administration.rotateRecoveryKey(f.recoveryKey) { _ in throw CannotWrite() } }
        // Still the old key: it recovers, and opens a backup.
        _ = try f.administration.recoverPrincipal("amina", recoveryKey: f.recoveryKey)
        #expect(try f.auditEntries().allSatisfy { $0.action != "recovery-key.rotated" })
    }

    @Test("a recovery key written into the database without the organisation's endorsement gets nothing sealed to it")
    func unendorsed() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let server = try f.installation.intakeDesk()
        _ = try server.file(CasesFixture.intake())
        let intruder = BoxKeyPair.generate()
        #expect(try f.raw.execute("UPDATE settings SET value = ? WHERE key = 'recovery-key.public'", .bytes(intruder.publicKey.bytes)) == 1)
        #expect(throws: CasesError.self) { try server.file(CasesFixture.intake()) }
        #expect(throws: DataDirectoryError.self) { try DataDirectory(path: f.dataDirectory.path).open() }
        let seals = try f.raw.column("SELECT sealed FROM case_seals").compactMap(\.bytes)
        #expect(!seals.isEmpty)
        let sealedToIntruder = seals.filter { (try? SealedBox.open($0, with: intruder)) != nil }
        #expect(sealedToIntruder.isEmpty)
    }
}
