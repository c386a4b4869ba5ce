#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the filesystem holding a path can take now: the room an unprivileged writer may still
/// use, and whether it takes writes at all.
public struct FileSystemStatus: Sendable {
    public let availableBytes: UInt64
    public let readOnly: Bool

    /// Nil when the path cannot be examined (it does not exist, or is not reachable).
    public init?(path: String) {
        var status = statvfs()
        guard statvfs(path, &status) == 0 else { return nil }
        availableBytes = UInt64(status.f_bavail) * UInt64(status.f_frsize)
        readOnly = status.f_flag & UInt(ST_RDONLY) != 0
    }
}
