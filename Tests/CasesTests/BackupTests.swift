import AuditLog
@testable import Cases
import CasesTesting
import Foundation
import GRDB
import GrievanceCrypto
import Testing

@Suite("Backups: whole, authentic, sealed to the recovery key, made while cases are filed")
struct BackupTests {
    /// A case with a marker in every field and an attachment, filed by a reporter.
    static func fileMarked(_ f: CasesFixture, _ marker: String) throws -> FiledCase {
        let attachment = AttachmentTests.file(marker, count: 70_000)
        return try f.intake.file(CasesFixture.intake(marker: marker), attachments: [try AttachmentTests.sealed(attachment, f)])
    }

    static func backupPath(_ f: CasesFixture, _ name: String = "nightly.backup") -> String {
        f.folder.appendingPathComponent(name).path
    }

    @Test("a round trip: nothing of a case is in the file, and the restored system opens its cases, verifies its log and answers old receipts")
    func roundTrip() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let marker = "BACKUP-\(UUID().uuidString)"
        let filed = try Self.fileMarked(f, marker)
        try f.casework.addNote(filed.reference, text: "\(marker)-note", by: f["amina"])
        let path = Self.backupPath(f)
        let made = try f.installation.createBackup(to: path)
        #expect(made.cases == 1)
        let file = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(file.range(of: Data(marker.utf8)) == nil)
        // Neither is anything of the database, its configuration or its pepper in clear.
        #expect(file.range(of: Data("SQLite format 3".utf8)) == nil)
        #expect(file.range(of: Data(f.installation.configuration.auditOrigin.utf8)) != nil, "the header names the log")
        try f.installation.directory.pepperURL.path.withCString { _ in
            let pepper = try Data(contentsOf: f.installation.directory.pepperURL)
            #expect(file.range(of: pepper) == nil)
        }
        #expect(try f.filesHolding(marker).isEmpty, "no clear copy left in or beside the data directory")
        let snapshots = try FileManager.default.contentsOfDirectory(atPath: f.dataDirectory.path).filter { $0.hasPrefix("backup-snapshot-") }
        #expect(snapshots.isEmpty)

        // The log records it, by the hash of the file.
        let entry = try #require(try f.auditEntries().last)
        #expect(entry.action == "backup.created")
        #expect(entry.details.contains(AuditDetail("blake2b-256", Array(file).withUnsafeBytes { BLAKE2b.hash($0) }.hex)))

        let verified = try Backup.verify(path, recoveryKey: f.recoveryKey, organisationKey: try f.administration.organisationKey())
        #expect(verified.cases == 1 && verified.auditEntries == made.auditEntries && verified.blake2b == made.blake2b)

        // Later work is not in it.
        _ = try f.intake.file(CasesFixture.intake())
        let target = f.folder.appendingPathComponent("restored").path
        let restored = try Backup.restore(path, recoveryKey: f.recoveryKey, to: target, organisationKey: try f.administration.organisationKey())
        #expect(restored.restoredTo == target && restored.cases == 1)
        let again = try DataDirectory(path: target).open(organisationKey: try f.administration.organisationKey(), clock: { f.clock.now })
        let check = try again.administration.verifyAudit()
        #expect(check.isValid)
        #expect(check.entries == made.auditEntries + 1, "the log as backed up, and the restore")
        #expect(try again.storage.read { try $0.auditEntry(at: check.entries - 1) }?.action == "backup.restored")
        let amina = try again.administration.unlock(id: "amina", passphrase: Passphrase(utf8: f.passphrases["amina"]!))
        let view = try again.casework.show(filed.reference, as: amina)
        #expect(view.complaint.description.contains(marker))
        #expect(view.records.contains { $0.text.contains("\(marker)-note") })
        var attachment: [UInt8] = []
        try again.casework.readAttachment(filed.reference, sequence: try #require(view.attachments.first).sequence, as: amina) { attachment += $0 }
        #expect(attachment == AttachmentTests.file(marker, count: 70_000))
        // The reporter's receipt, made before the backup, follows up after the restore.
        let desk = try again.intakeDesk()
        let followed = try desk.addReporterMessage(receipt: filed.receipt, text: "Still here after the restore.")
        #expect(followed.messages.contains { $0.text == "Still here after the restore." })
        #expect(try again.casework.list(for: amina).count == 1)
    }

    @Test("backups made while the server files are each consistent, and hold every case acknowledged before they began")
    func whileFiling() async throws {
        let f = try CasesFixture()
        defer { f.remove() }
        // The filer has a thread of its own, so that it files beside each backup whatever else
        // holds the test run's few pooled threads; each backup waits until it has filed more.
        let filings = FilingJournal()
        let filer = Thread {
            while !filings.stopped {
                do {
                    let one = try f.intake.file(CasesFixture.intake())
                    filings.add((one.receipt, one.reference, Date()))
                } catch {
                    filings.fail(error)
                }
            }
            filings.finish()
        }
        filer.start()
        var backups: [(path: String, began: Date)] = []
        for index in 0..<4 {
            let deadline = Date().addingTimeInterval(30)
            let before = filings.count
            while filings.count < before + 3, Date() < deadline { try await Task.sleep(for: .milliseconds(10)) }
            #expect(filings.count >= before + 3, "the filer made no progress before backup \(index)")
            let path = Self.backupPath(f, "while-\(index).backup")
            backups.append((path, Date()))
            _ = try f.installation.createBackup(to: path)
        }
        let filed = try await filings.stop()
        #expect(filed.count >= 12, "the filer ran beside the backups")
        for (index, backup) in backups.enumerated() {
            let report = try Backup.verify(backup.path, recoveryKey: f.recoveryKey)
            let before = filed.filter { $0.at < backup.began }
            #expect(report.cases >= before.count)
            guard index == backups.count - 1 else { continue }
            let target = f.folder.appendingPathComponent("restored").path
            _ = try Backup.restore(backup.path, recoveryKey: f.recoveryKey, to: target)
            let desk = try DataDirectory(path: target).open().intakeDesk()
            for one in before { _ = try desk.followUp(receipt: one.receipt) }
        }
    }

    @Test("a flipped byte anywhere, a cut, an extra byte or an edited header is refused, and nothing is restored")
    func tampering() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        _ = try Self.fileMarked(f, "TAMPER-\(UUID().uuidString)")
        let path = Self.backupPath(f)
        _ = try f.installation.createBackup(to: path)
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let headerEnd = original.indices.filter { original[$0] == 0x0A }[1] + 1
        var random = SeededRandom(seed: 14)
        var variants: [(String, [UInt8])] = []
        for _ in 0..<12 {
            var flipped = original
            let at = Int(random.next() % UInt64(original.count - headerEnd)) + headerEnd
            flipped[at] ^= 1 << UInt8(random.next() % 8)
            variants.append(("byte \(at) flipped", flipped))
        }
        for cut in [headerEnd, headerEnd + 3, original.count / 2, original.count - 1] {
            variants.append(("cut at \(cut)", Array(original[..<cut])))
        }
        variants.append(("a byte added", original + [0]))
        let text = String(decoding: original[..<headerEnd], as: UTF8.self)
        let edited = text.replacingOccurrences(of: "Test Workers Network", with: "Test Workers Networx")
        #expect(edited != text)
        variants.append(("organisation edited", Array(edited.utf8) + original[headerEnd...]))
        for (name, bytes) in variants {
            let bad = f.folder.appendingPathComponent("bad.backup").path
            try? FileManager.default.removeItem(atPath: bad)
            try Data(bytes).write(to: URL(fileURLWithPath: bad))
            #expect(throws: FileError.self, "\(name)") { try Backup.verify(bad, recoveryKey: f.recoveryKey) }
            let target = f.folder.appendingPathComponent("restored").path
            #expect(throws: FileError.self, "\(name)") { try Backup.restore(bad, recoveryKey: f.recoveryKey, to: target) }
            #expect(!FileManager.default.fileExists(atPath: target))
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: f.folder.path).filter { $0.contains(".restoring-") }
            #expect(leftovers.isEmpty, "\(name)")
        }
    }

    @Test("another recovery key, another organisation's key pinned, a live directory: each refused")
    func refusals() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let path = Self.backupPath(f)
        _ = try f.installation.createBackup(to: path)
        let other = try CasesFixture(roster: [("admin", [.admin])])
        defer { other.remove() }
        #expect(throws: FileError.self) { try Backup.verify(path, recoveryKey: other.recoveryKey) }
        #expect(throws: DataDirectoryError.self) {
            try Backup.verify(path, recoveryKey: f.recoveryKey, organisationKey: try other.administration.organisationKey())
        }
        // Over a live data directory, or any folder with something in it: refused, untouched.
        #expect(throws: DataDirectoryError.self) { try Backup.restore(path, recoveryKey: f.recoveryKey, to: other.dataDirectory.path) }
        #expect(try other.administration.verifyAudit().isValid)
        // Over an existing file name: refused.
        #expect(throws: FileError.self) { try f.installation.createBackup(to: path) }
        // An empty folder made ready for it — here shared with a group — is taken, worked in from
        // inside, and keeps the group's mode.
        let empty = f.folder.appendingPathComponent("empty").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o2770])
        #expect(try Backup.restore(path, recoveryKey: f.recoveryKey, to: empty).restoredTo == empty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: empty).allSatisfy { !$0.hasPrefix(".restoring-") })
        #expect(try FileManager.default.attributesOfItem(atPath: empty + "/config.json")[.posixPermissions] as? Int == 0o660)
        #expect(try DataDirectory(path: empty).open().administration.verifyAudit().isValid)
    }

    @Test("the rotation keeps the newest of each of the last days, weeks and months, and nothing older")
    func rotation() throws {
        let rotation = try BackupRotation(daily: 3, weekly: 2, monthly: 2)
        let format = ISO8601DateFormatter()
        // Monday 2026-11-30 12:00 UTC; backups twice a day back to September.
        let now = format.date(from: "2026-11-30T12:00:00Z")!
        var backups: [(file: String, created: Date)] = []
        var at = format.date(from: "2026-09-01T02:00:00Z")!
        while at <= now {
            backups.append((format.string(from: at), at))
            at += 12 * 3600
        }
        let kept = Set(rotation.decide(backups, now: now).filter(\.isKept).map(\.file))
        // By hand: days 30, 29, 28 Nov (newest of each: 14:00 except today 02:00); weeks W49
        // (today) and W48 (23–29 Nov: the 29th's 14:00); months November (today's) and October
        // (31 Oct 14:00).
        #expect(kept == ["2026-11-30T02:00:00Z", "2026-11-29T14:00:00Z", "2026-11-28T14:00:00Z", "2026-10-31T14:00:00Z"])
        #expect(throws: CasesError.self) { try BackupRotation(daily: 0, weekly: 1, monthly: 1) }

        // A backup killed part-way leaves a .partial- file: gone once it is a day old, never sooner.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("grievance-prune-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let stale = folder.appendingPathComponent("a.backup.partial-0011").path, fresh = folder.appendingPathComponent("b.backup.partial-0022").path
        try Data(count: 10).write(to: URL(fileURLWithPath: stale))
        try Data(count: 10).write(to: URL(fileURLWithPath: fresh))
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-2 * 86_400)], ofItemAtPath: stale)
        let pruned = try Backup.prune(folder.path, rotation: rotation, dryRun: false)
        #expect(pruned.map(\.file) == [stale] && !FileManager.default.fileExists(atPath: stale) && FileManager.default.fileExists(atPath: fresh))
    }
}

/// What the filer beside the backups filed, and when it is told to stop.
final class FilingJournal: @unchecked Sendable {
    private let lock = NSLock()
    private var filed: [(receipt: Receipt, reference: CaseReference, at: Date)] = []
    private var error: (any Error)?
    private var stopping = false
    private var finished = false

    var stopped: Bool { lock.withLock { stopping || error != nil } }
    var count: Int { lock.withLock { filed.count } }
    func add(_ one: (Receipt, CaseReference, Date)) { lock.withLock { filed.append(one) } }
    func fail(_ error: any Error) { lock.withLock { self.error = error } }
    func finish() { lock.withLock { finished = true } }

    /// Tells the filer to stop, waits until it has, and gives what it filed or its error.
    func stop() async throws -> [(receipt: Receipt, reference: CaseReference, at: Date)] {
        lock.withLock { stopping = true }
        while !lock.withLock({ finished }) { try await Task.sleep(for: .milliseconds(5)) }
        return try lock.withLock {
            if let error { throw error }
            return filed
        }
    }
}
