import Foundation
import Metrics

#if canImport(Glibc)
import Glibc
#endif

/// Below this much free space on the data directory's disk, the server takes no new filing or
/// reply (`503` with `Retry-After`) rather than fail half-way through one; reading a case with a
/// receipt goes on. Filing resumes by itself once space returns.
struct DiskFloor: Sendable {
    /// The data directory; nil where there is none to watch (in-process tests).
    let path: String?
    let minimumBytes: UInt64

    init(_ configuration: ServerConfiguration) {
        path = configuration.dataDirectory
        minimumBytes = configuration.freeSpaceFloorMegabytes * 1024 * 1024
    }

    /// Refuses when the disk is under the floor.
    func admit() throws(APIError) {
        guard let path, let available = Self.available(at: path), available < minimumBytes else { return }
        IntakeMetrics.diskFull.increment()
        throw .unavailable
    }

    /// Bytes an unprivileged writer may still use on the disk holding `path`.
    static func available(at path: String) -> UInt64? {
        var status = statvfs()
        guard statvfs(path, &status) == 0 else { return nil }
        return UInt64(status.f_bavail) * UInt64(status.f_frsize)
    }
}
