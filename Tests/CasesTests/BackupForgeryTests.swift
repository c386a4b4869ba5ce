@testable import Cases
import CasesTesting
import Foundation
import GrievanceCrypto
import Testing

/// Backups whose encryption is sound — made with the recovery public key, as anyone who can read
/// the database can — but whose contents lie: each is refused before anything is restored, and
/// nothing is written outside the folder the restore works in.
@Suite("Backups that authenticate but lie")
struct BackupForgeryTests {
    /// Every message of a genuine backup, opened with the recovery key.
    static func messages(of path: String, _ f: CasesFixture) throws -> [[UInt8]] {
        var reader = try BackupStreamReader(path: path, recoveryKey: f.recoveryKey)
        var all: [[UInt8]] = []
        while true {
            let message = try reader.next()
            all.append(message.plaintext)
            if message.isFinal { break }
        }
        return all
    }

    /// A new backup of `messages` (the last pushed as final), sealed to the recovery key anew.
    static func forge(_ messages: [[UInt8]], to path: String, _ f: CasesFixture) throws {
        try OwnerOnlyFile.write([], to: path)
        let descriptor = open(path, O_WRONLY | O_APPEND)
        defer { close(descriptor) }
        let key = SymmetricKey.generate()
        let recovery = f.recoveryKey.keyPair.publicKey
        var writer = try BackupStreamWriter(key: key, descriptor: descriptor, path: path) { stream in
            BackupHeader(organisation: f.installation.configuration.organisation, auditOrigin: f.installation.configuration.auditOrigin,
                         created: Date(), recoveryKey: Hex.encode(recovery.bytes), sealedKey: SealedBox.seal(key.secret, to: recovery), stream: stream)
        }
        for message in messages.dropLast() { try writer.message(message) }
        _ = try writer.finish()
    }

    static func manifest(_ bytes: [UInt8]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    static func json(_ object: [String: Any]) throws -> [UInt8] {
        [UInt8](try JSONSerialization.data(withJSONObject: object))
    }

    @Test("a faithful copy re-sealed verifies — so each refusal below is the lie's, not the forging's")
    func faithfulCopy() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        _ = try f.intake.file(CasesFixture.intake())
        let genuine = f.folder.appendingPathComponent("genuine.backup").path
        _ = try f.installation.createBackup(to: genuine)
        let copy = f.folder.appendingPathComponent("copy.backup").path
        try Self.forge(try Self.messages(of: genuine, f), to: copy, f)
        #expect(try Backup.verify(copy, recoveryKey: f.recoveryKey).cases == 1)
    }

    @Test("files the manifest names outside the data directory, sizes that disagree, figures that disagree, messages beyond the files: refused, nothing restored")
    func lies() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        _ = try f.intake.file(CasesFixture.intake())
        let genuine = f.folder.appendingPathComponent("genuine.backup").path
        _ = try f.installation.createBackup(to: genuine)
        let original = try Self.messages(of: genuine, f)
        let manifest = try Self.manifest(original[0])
        var files = try #require(manifest["files"] as? [[String: Any]])

        var forgeries: [(String, [[UInt8]])] = []
        var escaping = manifest
        files[3]["name"] = "../../escaped.sqlite"
        escaping["files"] = files
        forgeries.append(("a file named outside the folder", [try Self.json(escaping)] + original.dropFirst()))
        var counted = manifest
        counted["cases"] = 2
        forgeries.append(("a case more than the database holds", [try Self.json(counted)] + original.dropFirst()))
        var sized = manifest
        var resized = try #require(manifest["files"] as? [[String: Any]])
        resized[1]["bytes"] = 31
        sized["files"] = resized
        forgeries.append(("a pepper a byte shorter than the stream gives", [try Self.json(sized)] + original.dropFirst()))
        forgeries.append(("a message beyond the files", original.dropLast() + [[1, 2, 3], []]))
        forgeries.append(("a manifest that is not JSON", [Array("files".utf8)] + original.dropFirst()))
        forgeries.append(("no files at all", [original[0], []]))

        for (name, messages) in forgeries {
            let path = f.folder.appendingPathComponent("forged.backup").path
            try? FileManager.default.removeItem(atPath: path)
            try Self.forge(messages, to: path, f)
            #expect(throws: FileError.self, "\(name)") { try Backup.verify(path, recoveryKey: f.recoveryKey) }
            let target = f.folder.appendingPathComponent("restored").path
            #expect(throws: FileError.self, "\(name)") { try Backup.restore(path, recoveryKey: f.recoveryKey, to: target) }
            #expect(!FileManager.default.fileExists(atPath: target), "\(name)")
        }
        #expect(!FileManager.default.fileExists(atPath: f.folder.deletingLastPathComponent().appendingPathComponent("escaped.sqlite").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: f.folder.path).allSatisfy { !$0.contains(".restoring-") })
    }

    @Test("a frame that claims gigabytes is refused before anything that size is read or allocated")
    func hugeFrame() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let genuine = f.folder.appendingPathComponent("genuine.backup").path
        _ = try f.installation.createBackup(to: genuine)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: genuine)))
        let headerEnd = bytes.indices.filter { bytes[$0] == 0x0A }[1] + 1
        bytes.replaceSubrange(headerEnd..<headerEnd + 4, with: [0x7F, 0xFF, 0xFF, 0xFF])
        let path = f.folder.appendingPathComponent("huge.backup").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect { try Backup.verify(path, recoveryKey: f.recoveryKey) } throws: { "\($0)".contains("claims 2147483647 bytes") }
    }
}
