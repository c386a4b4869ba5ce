import Foundation

/// A one-line counter on standard error while long work runs, on a terminal only: piped or in
/// JSON mode, it stays quiet.
struct ProgressLine {
    let label: String
    let enabled: Bool
    private var lastDrawn = Date.distantPast

    init(_ label: String, quiet: Bool = false) {
        self.label = label
        enabled = !quiet && isatty(STDERR_FILENO) == 1
    }

    mutating func update(_ count: UInt64) {
        guard enabled, Date().timeIntervalSince(lastDrawn) >= 0.1 else { return }
        lastDrawn = Date()
        FileHandle.standardError.write(Data("\r\(label) \(count.formatted())".utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
