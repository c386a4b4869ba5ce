import AuditLog
import Foundation
import GRDB
import GrievanceCrypto

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Installation {
    /// Writes a backup of this installation, running or not, to `path` (a new file): a
    /// consistent snapshot of the database (SQLite's online backup, which does not stop the
    /// server's writes), with the configuration, the pepper and the procedure in force, all
    /// encrypted as one secretstream under a fresh key sealed to the recovery key. Needs no
    /// passphrase. The file appears whole or not at all, and the log records its hash.
    public func createBackup(to path: String, progress: (UInt64) -> Void = { _ in }) throws -> BackupReport {
        let output = URL(fileURLWithPath: path)
        guard !FileManager.default.fileExists(atPath: output.path) else { throw FileError(path: output.path, code: .exists) }
        // The procedure and configuration are read before the snapshot: one put in force
        // meanwhile is then in the snapshot's log, never a file older than its log says.
        let clearFiles = try ["config.json", "procedure.yaml"].map { name in
            (name, try Self.readWhole(directory.url.appendingPathComponent(name).path))
        }
        let snapshot = try takeSnapshot()
        defer { Self.removeSnapshot(snapshot.path) }
        let partial = output.path + ".partial-" + Hex.encode(RandomBytes.make(count: 6))
        try OwnerOnlyFile.write([], to: partial)
        // Only what this call linked is ever removed: never a file someone else made there.
        var linked = false
        var keep = false
        defer {
            unlink(partial)
            if linked && !keep { unlink(output.path) }
        }
        let descriptor = open(partial, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileError(path: partial, code: .cannotWrite(String(cString: strerror(errno)))) }
        defer { close(descriptor) }

        let created = now
        // As stored now: a recovery key rotated since this process opened the directory counts.
        let recoveryKey = try storage.read { try ledger.recoveryKey(in: $0) }
        let key = SymmetricKey.generate()
        let sealedKey = SealedBox.seal(key.secret, to: recoveryKey)
        var writer = try BackupStreamWriter(key: key, descriptor: descriptor, path: output.path) { stream in
            BackupHeader(organisation: configuration.organisation, auditOrigin: configuration.auditOrigin, created: created,
                         recoveryKey: Hex.encode(recoveryKey.bytes), sealedKey: sealedKey, stream: stream)
        }
        let pepper = try SecretFile.read(directory.pepperURL.path, maximumBytes: DataDirectory.pepperByteCount)
        let sizes = Dictionary(uniqueKeysWithValues: clearFiles.map { ($0.0, UInt64($0.1.count)) })
        let manifest = BackupManifest(
            files: BackupManifest.fileNames.map { name in
                BackupManifest.File(name: name, bytes: name == "pepper" ? UInt64(pepper.count) : sizes[name] ?? snapshot.bytes)
            },
            cases: snapshot.cases, auditEntries: snapshot.auditEntries, generator: "grievance \(GrievanceVersion.current)")
        try writer.message([UInt8](CasesJSON.encode(manifest)))
        for file in manifest.files {
            switch file.name {
            case "pepper":
                try pepper.withUnsafeBytes { bytes in Result { () throws(FileError) in try writer.message(bytes) } }.get()
            case "grievance.sqlite":
                try Self.stream(snapshot.path, into: &writer, progress: progress)
            default:
                try writer.message(clearFiles.first { $0.0 == file.name }!.1)
            }
        }
        let (digest, bytes) = try writer.finish()
        // Linked, not renamed: a file of that name made meanwhile is never replaced.
        guard link(partial, output.path) == 0 else {
            throw FileError(path: output.path, code: errno == EEXIST ? .exists : .cannotCreate(String(cString: strerror(errno))))
        }
        linked = true
        Self.syncFolder(of: output.path)
        let report = BackupReport(file: output.path, organisation: configuration.organisation, created: created, bytes: bytes,
                                  blake2b: digest.hex, cases: snapshot.cases, auditEntries: snapshot.auditEntries, auditRoot: nil,
                                  organisationKey: try administration.organisationKey().description, restoredTo: nil)
        // A backup the log does not know of is not kept: the file goes if this throws.
        try administration.recordBackup(report)
        keep = true
        return report
    }

    /// Copies the database through SQLite's online backup into a new owner-only file beside it,
    /// rewritten to a single file (no WAL) and counted.
    private func takeSnapshot() throws -> (path: String, bytes: UInt64, cases: Int, auditEntries: UInt64) {
        Self.removeStaleSnapshots(in: directory)
        let path = directory.url.appendingPathComponent(Self.snapshotPrefix + Hex.encode(RandomBytes.make(count: 6)) + ".sqlite").path
        do {
            try OwnerOnlyFile.write([], to: path)
            let copy = try DatabaseQueue(path: path)
            try storage.snapshot(into: copy)
            let figures = try copy.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = DELETE")
                return try BackupManifest.figures(in: db)
            }
            try copy.close()
            var status = stat()
            guard stat(path, &status) == 0 else { throw FileError(path: path, code: .cannotRead(String(cString: strerror(errno)))) }
            return (path, UInt64(status.st_size), figures.cases, figures.auditEntries)
        } catch {
            Self.removeSnapshot(path)
            throw error
        }
    }

    static let snapshotPrefix = "backup-snapshot-"

    private static func removeSnapshot(_ path: String) {
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(path + suffix) }
    }

    /// What a backup killed part-way left behind; an hour is longer than any snapshot takes.
    private static func removeStaleSnapshots(in directory: DataDirectory) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names where name.hasPrefix(snapshotPrefix) {
            let path = directory.url.appendingPathComponent(name).path
            if let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date,
               Date().timeIntervalSince(modified) > 3600 {
                unlink(path)
            }
        }
    }

    private static func readWhole(_ path: String) throws(FileError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw FileError(path: path, code: .cannotRead("it cannot be read")) }
        return [UInt8](data)
    }

    private static func stream(_ path: String, into writer: inout BackupStreamWriter, progress: (UInt64) -> Void) throws(FileError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileError(path: path, code: .cannotRead(String(cString: strerror(errno)))) }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: BackupStreamWriter.messageBytes)
        var total: UInt64 = 0
        while true {
            var filled = 0
            while filled < buffer.count {
                let got = buffer.withUnsafeMutableBytes { SystemCalls.read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
                guard got >= 0 else { throw FileError(path: path, code: .cannotRead(String(cString: strerror(errno)))) }
                if got == 0 { break }
                filled += got
            }
            if filled == 0 { return }
            try buffer.withUnsafeBytes { bytes in
                Result { () throws(FileError) in try writer.message(UnsafeRawBufferPointer(rebasing: bytes[..<filled])) }
            }.get()
            total += UInt64(filled)
            progress(total)
            if filled < buffer.count { return }
        }
    }

    static func syncFolder(of path: String) {
        let folder = open((path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent, O_RDONLY | O_CLOEXEC)
        guard folder >= 0 else { return }
        fsync(folder)
        close(folder)
    }
}
