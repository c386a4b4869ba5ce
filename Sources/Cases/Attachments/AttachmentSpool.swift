import Foundation
import GrievanceCrypto

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where an uploaded file's ciphertext waits, chunk by chunk, until its case is filed: a folder
/// of the data directory, owner-only, so that a 10 MB photograph is never held whole in memory
/// and only ever ciphertext touches the disk. The server removes each file once its filing is
/// over, whatever the outcome; a crash leaves files that the next start removes.
public struct AttachmentSpool: Sendable {
    let folder: URL

    /// The spool of the data directory at `directory`, made (0700) if it is not there.
    init(directory: URL) throws {
        folder = directory.appendingPathComponent("spool", isDirectory: true)
        if mkdir(folder.path, 0o700) != 0, errno != EEXIST {
            throw FileError(path: folder.path, code: .cannotCreate(String(cString: strerror(errno))))
        }
    }

    /// A new, empty spool file (0600), open for writing.
    func makeFile() throws(FileError) -> (path: String, descriptor: Int32) {
        let path = folder.appendingPathComponent("\(Hex.encode(RandomBytes.make(count: 12))).part").path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw FileError(path: path, code: .cannotCreate(String(cString: strerror(errno)))) }
        return (path, descriptor)
    }

    /// Removes what uploads cut short by a crash left behind: files older than `age`, so that
    /// another server starting beside this one does not lose an upload in progress.
    func removeStale(olderThan age: TimeInterval) {
        let cutoff = Date().addingTimeInterval(-age)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where name.hasSuffix(".part") {
            let path = folder.appendingPathComponent(name).path
            let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? .distantPast
            if modified < cutoff { unlink(path) }
        }
    }
}
