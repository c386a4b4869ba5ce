import Logging
import NIOConcurrencyHelpers

/// A log handler that keeps every line, message and metadata, in memory.
final class LogCapture: LogHandler, @unchecked Sendable {
    private let lines = NIOLockedValueBox<[String]>([])
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        lines.withLockedValue { $0.append("\(event.level) \(event.message) \(merged)") }
    }

    var all: String { lines.withLockedValue { $0.joined(separator: "\n") } }
}
