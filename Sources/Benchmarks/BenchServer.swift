import Foundation

/// The grievance-server executable beside this one, started on a free port of 127.0.0.1 with
/// rate limits out of the way.
final class BenchServer {
    let process = Process()
    let port: Int
    private let log: URL

    init(dataDirectory: URL, policies: String) throws {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("grievance-server")
        log = dataDirectory.deletingLastPathComponent().appendingPathComponent("server.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.executableURL = executable
        process.arguments = ["--data-dir", dataDirectory.path, "--port", "0", "--policies", policies,
                             "--filing-burst", "1000000000", "--filing-interval", "0.000001"]
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
            throw BenchFailure(description: "grievance-server (\(executable.path)) did not start: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
        }
        port = found
    }

    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    let description: String
}
