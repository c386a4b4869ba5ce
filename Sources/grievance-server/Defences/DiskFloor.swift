import Cases
import Metrics

/// Below this much free space on the data directory's disk, the server takes no new filing or
/// reply (`503` with `Retry-After`) rather than fail half-way through one; reading a case with a
/// receipt goes on. Filing resumes by itself once space returns. A filesystem gone read-only is
/// refused the same way.
struct DiskFloor: Sendable {
    /// The data directory; nil where there is none to watch (in-process tests).
    let path: String?
    let minimumBytes: UInt64

    init(_ configuration: ServerConfiguration) {
        path = configuration.dataDirectory
        minimumBytes = configuration.freeSpaceFloorMegabytes * 1024 * 1024
    }

    /// Refuses when the disk is under the floor, or takes no writes at all.
    func admit() throws(APIError) {
        guard let path, let status = FileSystemStatus(path: path), status.readOnly || status.availableBytes < minimumBytes else { return }
        IntakeMetrics.diskFull.increment()
        throw .unavailable
    }
}
