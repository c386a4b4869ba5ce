import Foundation
import GRDB
import GrievanceCrypto

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading backups made by `Installation.createBackup`: their clear header, a verification that
/// restores nothing, and a restore into a new data directory. Both open the file with the
/// recovery key, and check every message, the figures the manifest gives, the organisation's
/// endorsement of the recovery key and the audit log inside before they report success.
public enum Backup {
    /// What the file says about itself, read without a key and not yet authenticated.
    public static func header(of path: String) throws(FileError) -> BackupHeader {
        try BackupStreamReader.header(of: path)
    }

    /// Decrypts and checks a backup in a private folder that is removed afterwards.
    /// With `organisationKey` (the one `init` printed), a backup of another organisation — or
    /// one forged whole by someone who knew the recovery public key — is refused.
    public static func verify(_ path: String, recoveryKey: RecoveryKey, organisationKey: OrganisationKey? = nil,
                              progress: (UInt64) -> Void = { _ in }) throws -> BackupReport {
        let staging = try privateFolder(template: URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("grievance-verify-").path)
        defer { try? FileManager.default.removeItem(atPath: staging) }
        let unpacked = try unpack(path, recoveryKey: recoveryKey, into: staging, organisationKey: organisationKey, progress: progress)
        try unpacked.installation.storage.close()
        return unpacked.report
    }

    /// Restores a backup as a new data directory at `target`, which must not exist or be an
    /// empty folder: a live directory is never written over. The new directory appears whole
    /// once everything in it has been checked, its log extended by a `backup.restored` entry.
    public static func restore(_ path: String, recoveryKey: RecoveryKey, to target: String, organisationKey: OrganisationKey? = nil,
                               clock: @escaping @Sendable () -> Date = { Date() }, progress: (UInt64) -> Void = { _ in }) throws -> BackupReport {
        let targetURL = URL(fileURLWithPath: target).standardizedFileURL
        try refuseLive(targetURL.path)
        var isFolder: ObjCBool = false
        // An empty folder made ready for it (under a parent the restorer may not write, with the
        // group's mode) is worked in from inside; otherwise beside it, and renamed.
        let inside = FileManager.default.fileExists(atPath: targetURL.path, isDirectory: &isFolder) && isFolder.boolValue
        let staging = try privateFolder(template: targetURL.path + (inside ? "/.restoring-" : ".restoring-"))
        var moved = false
        defer { if !moved { try? FileManager.default.removeItem(atPath: staging) } }
        let unpacked = try unpack(path, recoveryKey: recoveryKey, into: staging, organisationKey: organisationKey, clock: clock, progress: progress)
        try unpacked.installation.administration.recordRestore(unpacked.report)
        // Closed before the files move: SQLite names its -wal and -shm files by the path.
        try unpacked.installation.storage.close()
        try refuseLive(targetURL.path, ignoring: (staging as NSString).lastPathComponent)
        if inside {
            // config.json last: until it is there, the folder is not a data directory.
            var status = stat()
            let shared = stat(targetURL.path, &status) == 0 && status.st_mode & 0o070 != 0
            let names = try FileManager.default.contentsOfDirectory(atPath: staging).sorted { ($0 == "config.json" ? 1 : 0) < ($1 == "config.json" ? 1 : 0) }
            for name in names {
                let from = staging + "/" + name, to = targetURL.path + "/" + name
                guard (!shared || chmod(from, 0o660) == 0), rename(from, to) == 0 else {
                    throw DataDirectoryError.cannotCreate(to, String(cString: strerror(errno)))
                }
            }
            rmdir(staging)
        } else {
            // rename(2) fails on a folder made meanwhile.
            guard rename(staging, targetURL.path) == 0 else {
                throw DataDirectoryError.cannotCreate(targetURL.path, String(cString: strerror(errno)))
            }
        }
        moved = true
        Installation.syncFolder(of: targetURL.path)
        var report = unpacked.report
        report.restoredTo = targetURL.path
        return report
    }

    private static func unpack(_ path: String, recoveryKey: RecoveryKey, into folder: String, organisationKey: OrganisationKey?,
                               clock: @escaping @Sendable () -> Date = { Date() }, progress: (UInt64) -> Void)
        throws -> (report: BackupReport, installation: Installation) {
        var reader = try BackupStreamReader(path: path, recoveryKey: recoveryKey)
        let damaged = { (problem: String) in FileError(path: path, code: .damaged(problem)) }
        let first = try reader.next()
        guard !first.isFinal, let manifest = try? JSONDecoder().decode(BackupManifest.self, from: Data(first.plaintext)) else {
            throw damaged("its first message is not a manifest")
        }
        guard manifest.files.map(\.name) == BackupManifest.fileNames else {
            throw damaged("it lists \(manifest.files.map(\.name).joined(separator: ", ")), not the files of a data directory")
        }
        for file in manifest.files {
            let target = URL(fileURLWithPath: folder).appendingPathComponent(file.name).path
            try OwnerOnlyFile.write([], to: target)
            let descriptor = open(target, O_WRONLY | O_APPEND | O_CLOEXEC)
            guard descriptor >= 0 else { throw FileError(path: target, code: .cannotWrite(String(cString: strerror(errno)))) }
            defer { close(descriptor) }
            var remaining = file.bytes
            while remaining > 0 {
                var message = try reader.next()
                defer { message.plaintext.withUnsafeMutableBytes { $0.initializeMemory(as: UInt8.self, repeating: 0) } }
                guard !message.isFinal, UInt64(message.plaintext.count) <= remaining, !message.plaintext.isEmpty else {
                    throw damaged("\(file.name) is not the \(file.bytes) bytes its manifest gives")
                }
                guard OwnerOnlyFile.writeAll(message.plaintext, to: descriptor) else {
                    throw FileError(path: target, code: .cannotWrite(String(cString: strerror(errno))))
                }
                remaining -= UInt64(message.plaintext.count)
                progress(reader.bytesRead)
            }
            guard fsync(descriptor) == 0 else { throw FileError(path: target, code: .cannotWrite(String(cString: strerror(errno)))) }
        }
        let last = try reader.next()
        guard last.isFinal, last.plaintext.isEmpty else { throw damaged("it holds more than its manifest lists") }
        let header = reader.header
        let bytes = reader.bytesRead
        let digest = try reader.finish()

        // Counted as restored, before opening it as a data directory may add to its log.
        let figures = try DatabaseQueue(path: URL(fileURLWithPath: folder).appendingPathComponent("grievance.sqlite").path).read {
            try BackupManifest.figures(in: $0)
        }
        guard figures.cases == manifest.cases, figures.auditEntries == manifest.auditEntries else {
            throw damaged("its database holds \(figures.cases) cases and \(figures.auditEntries) log entries; its manifest says \(manifest.cases) and \(manifest.auditEntries)")
        }
        // A backup holds the tables as a SQLite snapshot whichever engine they came from: the
        // configuration it carries may name a PostgreSQL database, which verifying or restoring
        // must never open (it is live, or another's). The restored directory is SQLite's;
        // `storage migrate` moves it into an empty database again.
        let unpacked = DataDirectory(path: folder)
        var configuration = try unpacked.readConfiguration()
        if configuration.database != nil {
            configuration.database = nil
            try unpacked.replaceConfiguration(configuration)
        }
        let installation = try unpacked.open(organisationKey: organisationKey, clock: clock)
        guard Hex.encode(installation.recoveryPublicKey.bytes) == header.recoveryKey else {
            throw damaged("its database vouches for another recovery key than the one it is sealed to")
        }
        let check = try installation.administration.verifyAudit()
        guard check.isValid else { throw damaged("its audit log does not verify: \(check.failure ?? "unknown")") }
        let report = BackupReport(file: path, organisation: header.organisation, created: header.created, bytes: bytes, blake2b: digest.hex,
                                  cases: figures.cases, auditEntries: check.entries, auditRoot: check.root,
                                  organisationKey: try installation.administration.organisationKey().description, restoredTo: nil)
        return (report, installation)
    }

    /// Refuses a target that holds anything: a live data directory is never restored over.
    private static func refuseLive(_ path: String, ignoring staging: String? = nil) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return }
        guard isFolder.boolValue, (try? FileManager.default.contentsOfDirectory(atPath: path))?.allSatisfy({ $0 == staging }) == true else {
            throw DataDirectoryError.notEmpty(path, restoring: true)
        }
    }

    /// A new owner-only folder whose name starts with `template`.
    private static func privateFolder(template: String) throws -> String {
        var bytes = Array((template + "XXXXXX").utf8CString)
        guard let made = mkdtemp(&bytes) else { throw DataDirectoryError.cannotCreate(template + "…", String(cString: strerror(errno))) }
        return String(cString: made)
    }
}

extension Backup {
    /// Applies `rotation` to the backups in `folder` — every file whose header says it is one,
    /// whatever its name; nothing else is touched — deleting those it does not keep, unless
    /// `dryRun`. The decisions, newest first.
    public static func prune(_ folder: String, rotation: BackupRotation, now: Date = Date(), dryRun: Bool) throws -> [BackupRotation.Decision] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder) } catch {
            throw FileError(path: folder, code: .cannotRead("it is not a folder that can be listed"))
        }
        var backups: [(file: String, created: Date)] = []
        var abandoned: [BackupRotation.Decision] = []
        for name in names.sorted() {
            let path = URL(fileURLWithPath: folder).appendingPathComponent(name).path
            if name.contains(".partial-") {
                // What a backup killed part-way left: as much as a whole one, so it goes too once
                // no backup can still be writing it.
                let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date ?? now
                if now.timeIntervalSince(modified) > 86_400 { abandoned.append(.init(file: path, created: modified, keptFor: [])) }
                continue
            }
            guard let header = try? header(of: path) else { continue }
            backups.append((path, header.created))
        }
        let decisions = rotation.decide(backups, now: now) + abandoned
        if !dryRun {
            for decision in decisions where !decision.isKept {
                guard unlink(decision.file) == 0 || errno == ENOENT else {
                    throw FileError(path: decision.file, code: .cannotWrite("it cannot be deleted: \(String(cString: strerror(errno)))"))
                }
            }
        }
        return decisions
    }
}
