import AuditLog
@testable import Cases
import CasesTesting
import Foundation
import GrievanceCrypto
import Testing

@Suite("Data directory, log key custody and key changes")
struct DataDirectoryTests {
    @Test("the log's first entries name its key and the recovery key; reopening finds the same installation")
    func initialised() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let logKey = try #require(try f.administration.logVerifierKey())
        #expect(logKey.hasPrefix(f.installation.configuration.auditOrigin + "+"))
        let first = try f.auditEntries().first
        #expect(first?.action == "organisation.initialised")
        #expect(first?.details.contains(AuditDetail("log-key", logKey)) == true)
        #expect(first?.details.contains(AuditDetail("recovery-key", f.recoveryKey.publicKeyHex)) == true)

        let reopened = try DataDirectory(path: f.dataDirectory.path).open()
        #expect(try reopened.administration.logVerifierKey() == logKey)
        #expect(try reopened.administration.organisation() == "Test Workers Network")
        // Reopening with the same procedure logs nothing new.
        let size = try f.auditSize()
        _ = try DataDirectory(path: f.dataDirectory.path).open()
        _ = try DataDirectory(path: f.dataDirectory.path).openIntakeDesk()
        #expect(try f.auditSize() == size)
    }

    @Test("a log key seal swapped for another key's is refused: no checkpoint is signed with a stranger's key")
    func swappedLogKeySeal() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let admin = f["admin"]
        let stranger = SigningKeyPair.generate()
        #expect(try f.raw.execute("UPDATE settings SET value = ? WHERE key = 'log-key.sealed.admin'",
                                  .bytes(SealedBox.seal(stranger.secretKey, to: BoxPublicKey(bytes: admin.principal.boxPublicKey)))) == 1)
        #expect(throws: CasesError.damaged("the log key sealed to admin")) { try f.administration.signCheckpoint(by: admin) }
        #expect(try f.administration.latestCheckpoint() == nil)
        #expect(throws: CasesError(.administratorsOnly(.signCheckpoints))) { try f.administration.signCheckpoint(by: f["amina"]) }
    }

    @Test("after rotation the old key opens none of the person's seals; after disabling no seal is left")
    func rotationAndDisabling() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let amina = f["amina"]
        let filed = try f.intake.file(Intake(category: "harassment", content: ComplaintContent(description: "rotation")))
        func seal() throws -> [UInt8]? {
            try f.raw.value("SELECT sealed FROM case_seals WHERE case_ref = ? AND recipient = 'amina'", .text(filed.reference.rawValue))?.bytes
        }
        let oldSeal = try #require(try seal())
        #expect((try? CaseKeyEnvelope.open(oldSeal, caseReference: filed.reference.rawValue, with: amina.boxKeyPair)) != nil)
        let rotated = try f.administration.rotateKeys(of: amina, newPassphrase: Passphrase(utf8: "a new amina passphrase"))
        let newSeal = try #require(try seal())
        #expect(throws: CryptoError.authenticationFailed) {
            try CaseKeyEnvelope.open(newSeal, caseReference: filed.reference.rawValue, with: amina.boxKeyPair)
        }
        #expect(try f.casework.show(filed.reference, as: rotated).complaint.description == "rotation")
        #expect(throws: CasesError.wrongPassphrase) { try f.administration.unlock(id: "amina", passphrase: Passphrase(utf8: f.passphrases["amina"]!)) }

        try f.administration.disablePrincipal("amina", by: f["admin"])
        #expect(try seal() == nil)
        #expect(throws: CasesError(.refused(.disabled))) { try f.casework.show(filed.reference, as: rotated) }
    }

    @Test("open refuses a missing folder, a folder others can read, and a damaged pepper")
    func openRefusals() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let folder = f.dataDirectory
        #expect(throws: DataDirectoryError.self) { try DataDirectory(path: folder.path + "-missing").open() }
        for mode in [0o705, 0o755, 0o771, 0o2774] {
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: folder.path)
            let shown = String(mode & 0o7777, radix: 8)
            #expect { try DataDirectory(path: folder.path).open() } throws: { ($0 as? DataDirectoryError)?.description.contains("mode \(shown)") == true }
            #expect { try DataDirectory(path: folder.path).openIntakeDesk() } throws: { ($0 as? DataDirectoryError)?.description.contains("mode \(shown)") == true }
        }
        // The installation's group may share it; others never.
        for mode in [0o750, 0o770, 0o2770] {
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: folder.path)
            _ = try DataDirectory(path: folder.path).open()
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder.path)
        try Data(count: 31).write(to: folder.appendingPathComponent("pepper"))
        #expect { try DataDirectory(path: folder.path).open() } throws: { ($0 as? DataDirectoryError)?.description.contains("is not 32 bytes long") == true }
        try Data(count: 33).write(to: folder.appendingPathComponent("pepper"))
        #expect { try DataDirectory(path: folder.path).open() } throws: { ($0 as? DataDirectoryError) != nil }
    }

    @Test("init --group shares the folder with a group (2770, files 0660), and SQLite's own files follow")
    func sharedWithAGroup() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("grievance-group-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: parent) }
        let group = String(cString: getgrgid(getegid())!.pointee.gr_name)
        let path = parent.appendingPathComponent("data").path
        let made = try DataDirectory.create(at: path, organisation: "Shared", adminID: "admin", adminName: "Admin",
                                            passphrase: Passphrase(utf8: CasesFixture.newPassphrase(for: "admin")),
                                            procedureText: Data(contentsOf: CasesFixture.procedureURL), procedureFile: "p.yaml", keyCost: "interactive",
                                            group: group)
        _ = try made.installation.intakeDesk().file(CasesFixture.intake())
        func mode(_ name: String) throws -> Int {
            try FileManager.default.attributesOfItem(atPath: name.isEmpty ? path : path + "/" + name)[.posixPermissions] as! Int
        }
        #expect(try mode("") == 0o2770)
        for name in ["config.json", "pepper", "procedure.yaml", "grievance.sqlite", "grievance.sqlite-wal"] { #expect(try mode(name) == 0o660, "\(name)") }
        _ = try DataDirectory(path: path).open()
        #expect(throws: DataDirectoryError.self) {
            try DataDirectory.create(at: parent.appendingPathComponent("other").path, organisation: "Shared", adminID: "admin", adminName: "Admin",
                                     passphrase: Passphrase(utf8: CasesFixture.newPassphrase(for: "admin")),
                                     procedureText: Data(contentsOf: CasesFixture.procedureURL), procedureFile: "p.yaml", keyCost: "interactive",
                                     group: "no-such-group-\(UUID().uuidString.prefix(6))")
        }
    }

    @Test("init is atomic: a folder an interrupted init left is finished by the next; one it finished is never taken")
    func resumableInit() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("grievance-init-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: parent) }
        let path = parent.appendingPathComponent("data").path
        func create(_ beforeCommit: (NewInstallation) throws -> Void = { _ in }) throws -> NewInstallation {
            try DataDirectory.create(at: path, organisation: "Resumed", adminID: "admin", adminName: "Admin",
                                     passphrase: Passphrase(utf8: CasesFixture.newPassphrase(for: "admin")),
                                     procedureText: Data(contentsOf: CasesFixture.procedureURL), procedureFile: "p.yaml", keyCost: "interactive",
                                     beforeCommit: beforeCommit)
        }
        struct Interrupted: Error {}
        // Failing just before the commit: nothing of it stays.
        #expect(throws: Interrupted.self) { try create { _ in throw Interrupted() } }
        #expect(!FileManager.default.fileExists(atPath: path))
        // What a crash at that moment leaves — every file but config.json — is not a data
        // directory, and the next init finishes it.
        var leftovers: [String] = []
        #expect(throws: Interrupted.self) {
            try create { made in
                leftovers = try FileManager.default.contentsOfDirectory(atPath: path)
                for name in leftovers { try FileManager.default.copyItem(atPath: path + "/" + name, toPath: parent.path + "/" + name) }
                throw Interrupted()
            }
        }
        #expect(!leftovers.contains("config.json") && leftovers.contains("pepper") && leftovers.contains("grievance.sqlite"))
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        for name in leftovers { try FileManager.default.copyItem(atPath: parent.path + "/" + name, toPath: path + "/" + name) }
        #expect { try DataDirectory(path: path).open() } throws: { ($0 as? DataDirectoryError)?.description.contains("not an initialised") == true }
        let made = try create()
        #expect(try made.installation.administration.verifyAudit().isValid)
        // A finished one, or a folder with anything else in it, is refused.
        #expect(throws: DataDirectoryError.notEmpty(path)) { try create() }
        let stranger = parent.appendingPathComponent("stranger").path
        try FileManager.default.createDirectory(atPath: stranger, withIntermediateDirectories: false)
        try Data("mine".utf8).write(to: URL(fileURLWithPath: stranger + "/notes.txt"))
        #expect(throws: DataDirectoryError.notEmpty(stranger)) {
            try DataDirectory.create(at: stranger, organisation: "X", adminID: "admin", adminName: "Admin",
                                     passphrase: Passphrase(utf8: CasesFixture.newPassphrase(for: "admin")),
                                     procedureText: Data(contentsOf: CasesFixture.procedureURL), procedureFile: "p.yaml", keyCost: "interactive")
        }
    }

    @Test("the recovery key file: written owner-only, read back whole; a damaged or swapped half is refused")
    func recoveryKeyFile() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let path = f.folder.appendingPathComponent("recovery.txt").path
        try f.recoveryKey.write(to: path)
        #expect(throws: FileError(path: path, code: .exists)) { try f.recoveryKey.write(to: path) }
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o600)
        let read = try RecoveryKey.read(from: path)
        #expect(read.publicKeyHex == f.recoveryKey.publicKeyHex)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("grievance-recovery-key/v1\npublic \(f.recoveryKey.publicKeyHex)\nsecret "))
        // The person gets their keys back with it.
        let code = try f.administration.recoverPrincipal("amina", recoveryKey: read)
        try f.administration.enrol(id: "amina", code: code, passphrase: Passphrase(utf8: "amina's recovered passphrase"))
        _ = try f.administration.unlock(id: "amina", passphrase: Passphrase(utf8: "amina's recovered passphrase"))

        let other = f.folder.appendingPathComponent("other.txt").path
        try RecoveryKey(BoxKeyPair.generate()).write(to: other)
        let otherText = try String(contentsOfFile: other, encoding: .utf8)
        let swapped = f.folder.appendingPathComponent("swapped.txt").path
        try (text.split(separator: "\n")[0...1] + [otherText.split(separator: "\n")[2]]).joined(separator: "\n").write(toFile: swapped, atomically: true, encoding: .utf8)
        #expect(throws: FileError(path: swapped, code: .damaged("its secret and public halves do not match"))) { try RecoveryKey.read(from: swapped) }
        #expect(throws: CasesError.invalid(.recoveryKey, .notThisOrganisations)) {
            try f.administration.recoverPrincipal("amina", recoveryKey: try RecoveryKey.read(from: other))
        }
        let garbage = f.folder.appendingPathComponent("garbage.txt").path
        try "not a key\n".write(toFile: garbage, atomically: true, encoding: .utf8)
        #expect { try RecoveryKey.read(from: garbage) } throws: { ($0 as? FileError)?.code == .unrecognised(expected: "a recovery key file (its first line is grievance-recovery-key/v1)") }
    }

    @Test("a case export: the view's JSON, sealed under its passphrase; the wrong one or a flipped byte opens nothing")
    func caseExport() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let marker = "EXPORT-\(UUID().uuidString)"
        let reference = try f.intake.file(CasesFixture.intake(marker: marker)).reference
        let plain = try f.casework.export(reference, as: f["amina"], sealedWith: nil)
        let json = try JSONSerialization.jsonObject(with: Data(plain)) as? [String: Any]
        #expect(json?["format"] as? String == "grievance-case-export/v1")
        #expect(json?["exported_by"] as? String == "amina")
        #expect((json?["summary"] as? [String: Any])?["reference"] as? String == reference.rawValue)
        let sealed = try f.casework.export(reference, as: f["amina"], sealedWith: Passphrase(utf8: "the export's passphrase"))
        #expect(Data(sealed).range(of: Data(marker.utf8)) == nil)
        let opened = try CaseExport.open(sealed, path: "export", passphrase: Passphrase(utf8: "the export's passphrase")) { [UInt8]($0) }
        #expect(String(decoding: opened, as: UTF8.self).contains(marker))
        #expect(throws: FileError.self) { try CaseExport.open(sealed, path: "export", passphrase: Passphrase(utf8: "not the passphrase!")) { _ in } }
        var flipped = sealed
        flipped[flipped.count - 5] ^= 1
        #expect(throws: FileError.self) { try CaseExport.open(flipped, path: "export", passphrase: Passphrase(utf8: "the export's passphrase")) { _ in } }
        #expect(throws: FileError.self) { try CaseExport.open(plain, path: "export", passphrase: Passphrase(utf8: "the export's passphrase")) { _ in } }
        #expect(try f.auditEntries().filter { $0.action == "case.exported" }.count == 2)
    }
}
