#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the data directory takes no write now. Each is a state of the machine, not a fault of
/// the request: nothing of the request was kept, and the same request succeeds once it passes.
public enum Unavailability: Hashable, Sendable, CustomStringConvertible {
    /// Another process kept the database's write lock longer than Cases waits for it.
    case busy(seconds: Int)
    /// The disk that holds the data directory has no room left.
    case diskFull
    /// The data directory's filesystem takes no writes: mounted read-only, or made so by the
    /// kernel after a disk error.
    case readOnly
    /// The PostgreSQL server the configuration names cannot be reached (or takes no more
    /// connections now).
    case databaseUnreachable(String)

    /// What a failed write's `errno` says of the disk, if it is one of these.
    init?(systemError code: Int32) {
        switch code {
        case ENOSPC, EDQUOT: self = .diskFull
        case EROFS: self = .readOnly
        default: return nil
        }
    }

    /// What the filesystem holding `folder` says when written to: a small file made, written,
    /// flushed and removed. Asked after a write failed in a way that does not name its cause
    /// (SQLite reports a filesystem turned read-only under it as an I/O error), because the
    /// mount's flags do not always show it: ext4 made read-only after a disk error still reads
    /// as mounted read-write.
    static func probing(folder: String) -> Unavailability? {
        let path = folder + "/.write-probe-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return Unavailability(systemError: errno) }
        defer {
            close(descriptor)
            unlink(path)
        }
        var byte: UInt8 = 0
        guard write(descriptor, &byte, 1) == 1, fsync(descriptor) == 0 else { return Unavailability(systemError: errno) }
        return nil
    }

    public var description: String {
        switch self {
        case .busy(let seconds): "the database is busy: another process held it for more than \(seconds) seconds"
        case .diskFull: "the disk that holds the data directory is full"
        case .readOnly: "the data directory's filesystem is read-only"
        case .databaseUnreachable(let location): "the database at \(location) cannot be reached"
        }
    }
}
