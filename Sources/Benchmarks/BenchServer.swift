import Foundation

/// An executable beside this one — grievance-server, or the baseline server — started on a free
/// port of 127.0.0.1 and logging to a file beside `scratch`.
final class BenchServer {
    let process = Process()
    let port: Int
    private let log: URL

    /// grievance-server over `dataDirectory`, with rate limits out of the way.
    convenience init(dataDirectory: URL, policies: String) throws {
        try self.init(executable: "grievance-server", in: dataDirectory.deletingLastPathComponent(),
                      arguments: ["--data-dir", dataDirectory.path, "--port", "0", "--policies", policies,
                                  "--filing-burst", "1000000000", "--filing-interval", "0.000001"])
    }

    init(executable name: String, in scratch: URL, arguments: [String]) throws {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent(name)
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw BenchFailure(description: "\(executable.path) is missing; build it first: swift build -c release")
        }
        log = scratch.appendingPathComponent("\(name).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.executableURL = executable
        process.arguments = arguments
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        var found: Int?
        let deadline = Date().addingTimeInterval(30)
        while found == nil, Date() < deadline, process.isRunning {
            Thread.sleep(forTimeInterval: 0.05)
            found = ((try? String(contentsOf: log, encoding: .utf8)) ?? "").firstMatch(of: /listening on 127\.0\.0\.1:(\d+)/).flatMap { Int($0.1) }
        }
        guard let found else {
            process.terminate()
            throw BenchFailure(description: "\(name) did not start: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
        }
        port = found
    }

    /// Resident memory (VmRSS) of a process, and its peak so far (VmHWM), in KiB.
    static func residentKiB(pid: Int32) -> Int? { status(pid: pid, field: "VmRSS:") }
    static func peakResidentKiB(pid: Int32) -> Int? { status(pid: pid, field: "VmHWM:") }
    /// The part of it that is the process's own (anonymous: heap, stacks), not pages of shared
    /// libraries that every Swift process maps.
    static func anonymousKiB(pid: Int32) -> Int? { status(pid: pid, field: "Anonymous:", file: "smaps_rollup") }

    private static func status(pid: Int32, field: String, file: String = "status") -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/\(file)", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix(field) }) else { return nil }
        return line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap { Int($0) }
    }

    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    let description: String
}
