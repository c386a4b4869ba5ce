import Foundation

/// A notification command for tests: a shell script that appends, for each run, a line naming
/// the run, its environment, and its standard input to one file, which the test then reads.
public struct NotificationRecorder: Sendable {
    /// The script, to give as the command.
    public let script: URL
    /// Where every run is appended.
    public let log: URL

    /// Writes the script into `folder` (made if missing).
    public init(in folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        script = folder.appendingPathComponent("record-notification-\(UUID().uuidString.prefix(8)).sh")
        log = folder.appendingPathComponent("notifications-\(UUID().uuidString.prefix(8)).log")
        let text = """
            #!/bin/sh
            # One run: its marker line, its environment, then what it read on standard input.
            {
              echo "=== run for $GRIEVANCE_NOTIFY_TO"
              env | sort
              echo "--- input"
              cat
              echo "=== end"
            } >> '\(log.path)'

            """
        try Data(text.utf8).write(to: script)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
    }

    /// Everything recorded so far ("" before the first run).
    public var recorded: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// The runs recorded so far, each its environment and input.
    public var runs: [String] {
        recorded.components(separatedBy: "=== run for ").dropFirst().filter { $0.contains("=== end") }
    }

    /// Waits up to `seconds` for at least `count` complete runs; the runs then recorded.
    public func waitForRuns(_ count: Int, seconds: Double = 10) async -> [String] {
        let deadline = Date().addingTimeInterval(seconds)
        while runs.count < count, Date() < deadline { try? await Task.sleep(for: .milliseconds(50)) }
        return runs
    }
}
