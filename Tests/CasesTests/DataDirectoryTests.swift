import AuditLog
@testable import Cases
import Foundation
import GRDB
import GrievanceCrypto
import Testing

@Suite("Data directory, log key custody and key changes")
struct DataDirectoryTests {
    static func made() throws -> (NewInstallation, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("datadir-\(UUID().uuidString)")
        let made = try DataDirectory.create(
            at: folder.path, organisation: "Test Network", adminID: "rosa", adminName: "Rosa", passphrase: SecureBytes(utf8: "rosa passphrase 1"),
            procedureText: Data(PolicyFixtures.defaultText.utf8), procedureFile: "procedure.yaml", keyCost: "interactive")
        return (made, folder)
    }

    @Test("the log's first entries name its key and the recovery key; reopening finds the same installation")
    func initialised() throws {
        let (made, folder) = try Self.made()
        defer { try? FileManager.default.removeItem(at: folder) }
        let service = made.installation.service
        let logKey = try #require(try service.logVerifierKey())
        #expect(logKey.name == made.installation.configuration.auditOrigin)
        let first = try made.installation.storage.database.read { db in try made.installation.storage.auditLog.entry(at: 0, in: db) }
        #expect(first?.action == "organisation.initialised")
        #expect(first?.details.contains(AuditDetail("log-key", logKey.description)) == true)
        #expect(first?.details.contains(AuditDetail("recovery-key", Hex.encode(made.recoveryPublicKey.bytes))) == true)

        let reopened = try DataDirectory(path: folder.path).open()
        #expect(try reopened.service.logVerifierKey() == logKey)
        #expect(try reopened.service.organisation() == "Test Network")
        // Reopening with the same procedure logs nothing new.
        let size = try reopened.storage.database.read { db in try reopened.storage.auditLog.size(in: db) }
        _ = try DataDirectory(path: folder.path).open()
        #expect(try reopened.storage.database.read { db in try reopened.storage.auditLog.size(in: db) } == size)
    }

    @Test("a log key seal swapped for another key's is refused: no checkpoint is signed with a stranger's key")
    func swappedLogKeySeal() throws {
        let (made, folder) = try Self.made()
        defer { try? FileManager.default.removeItem(at: folder) }
        let admin = made.admin
        let stranger = SigningKeyPair.generate()
        try made.installation.storage.database.write { db in
            try db.execute(sql: "UPDATE settings SET value = ? WHERE key = 'log-key.sealed.rosa'",
                           arguments: [Data(SealedBox.seal(stranger.secretKey, to: BoxPublicKey(bytes: admin.principal.boxPublicKey)))])
        }
        #expect(throws: CasesError.damaged("the log key sealed to rosa")) { try made.installation.service.signCheckpoint(by: admin) }
        #expect(try made.installation.service.latestCheckpoint() == nil)
    }

    @Test("after rotation the old key opens none of the person's seals; after disabling no seal is left")
    func rotationAndDisabling() throws {
        let (made, folder) = try Self.made()
        defer { try? FileManager.default.removeItem(at: folder) }
        let service = made.installation.service
        try service.addPrincipal(id: "amina", name: "Amina", roles: [.handler], passphrase: SecureBytes(utf8: "amina passphrase 1"), by: made.admin)
        let amina = try service.unlock(id: "amina", passphrase: SecureBytes(utf8: "amina passphrase 1"))
        let filed = try service.file(Intake(category: "harassment", content: ComplaintContent(description: "rotation")))
        func seal() throws -> [UInt8]? {
            try made.installation.storage.database.read { db in
                try Data.fetchOne(db, sql: "SELECT sealed FROM case_seals WHERE case_ref = ? AND recipient = 'amina'", arguments: [filed.reference])
            }.map { [UInt8]($0) }
        }
        let oldSeal = try #require(try seal())
        #expect((try? CaseKeyEnvelope.open(oldSeal, caseReference: filed.reference, with: amina.boxKeyPair)) != nil)
        let rotated = try service.rotateKeys(of: amina, newPassphrase: SecureBytes(utf8: "a new amina passphrase"))
        let newSeal = try #require(try seal())
        #expect(throws: CryptoError.authenticationFailed) {
            try CaseKeyEnvelope.open(newSeal, caseReference: filed.reference, with: amina.boxKeyPair)
        }
        #expect(try service.show(filed.reference, as: rotated).complaint.description == "rotation")
        #expect(throws: CasesError.wrongPassphrase) { try service.unlock(id: "amina", passphrase: SecureBytes(utf8: "amina passphrase 1")) }

        try service.disablePrincipal("amina", by: made.admin)
        #expect(try seal() == nil)
    }

    @Test("open refuses a missing folder, a folder others can read, and a damaged pepper")
    func openRefusals() throws {
        let (_, folder) = try Self.made()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: DataDirectoryError.self) { try DataDirectory(path: folder.path + "-missing").open() }
        try FileManager.default.setAttributes([.posixPermissions: 0o750], ofItemAtPath: folder.path)
        #expect { try DataDirectory(path: folder.path).open() } throws: { ($0 as? DataDirectoryError)?.description.contains("mode 750") == true }
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder.path)
        try Data(count: 31).write(to: folder.appendingPathComponent("pepper"))
        #expect { try DataDirectory(path: folder.path).open() } throws: { ($0 as? DataDirectoryError)?.description.contains("is not 32 bytes long") == true }
    }
}
