import Foundation

/// Debian's `wrk`, driven by a small Lua script that posts one complaint per request and counts
/// the answers that were `201`: an HTTP load generator that costs the shared cores far less than
/// a Swift client would, so what is measured is the server.
struct Wrk {
    struct Run {
        let created: Int
        let otherStatuses: Int
        let socketErrors: Int
        let seconds: Double
        let p50: Double
        let p99: Double
    }

    let executable: URL
    let script: URL

    /// Finds `wrk` on PATH and writes the script beside the scratch data.
    init(body: Data, in directory: URL) throws {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent("wrk") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
        guard let path else {
            throw BenchFailure(description: "wrk is not installed; on Debian: apt-get install wrk")
        }
        executable = path
        script = directory.appendingPathComponent("file-complaint.lua")
        try Self.script(body: String(decoding: body, as: UTF8.self)).write(to: script, atomically: true, encoding: .utf8)
    }

    /// `connections` connections over two threads (one a core) for `seconds`, against `port`.
    func run(port: Int, connections: Int, seconds: Int) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["--threads", "2", "--connections", "\(connections)", "--duration", "\(seconds)s", "--timeout", "10s",
                             "--script", script.path, "http://127.0.0.1:\(port)/api/v1/complaints"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("grievance-wrk ") }) else {
            throw BenchFailure(description: "wrk printed no figures:\n\(text)")
        }
        var fields: [String: Double] = [:]
        for pair in line.split(separator: " ").dropFirst() {
            let parts = pair.split(separator: "=")
            if parts.count == 2, let value = Double(parts[1]) { fields[String(parts[0])] = value }
        }
        return Run(created: Int(fields["created"] ?? 0), otherStatuses: Int(fields["other"] ?? 0), socketErrors: Int(fields["errors"] ?? 0),
                   seconds: (fields["duration"] ?? 1) / 1e6, p50: (fields["p50"] ?? .nan) / 1e6, p99: (fields["p99"] ?? .nan) / 1e6)
    }

    /// Posts `body` as JSON on every request; each thread counts its `201`s and other answers,
    /// and `done` adds them up into one line the benchmark reads (times in microseconds).
    static func script(body: String) -> String {
        """
        wrk.method = "POST"
        wrk.headers["Content-Type"] = "application/json"
        wrk.body = [==[\(body)]==]
        local threads = {}
        function setup(thread) table.insert(threads, thread) end
        function init(args) created = 0; other = 0 end
        function response(status, headers, body)
          if status == 201 then created = created + 1 else other = other + 1 end
        end
        function done(summary, latency, requests)
          local c, o = 0, 0
          for _, thread in ipairs(threads) do c = c + thread:get("created"); o = o + thread:get("other") end
          local e = summary.errors
          io.write(string.format("grievance-wrk created=%d other=%d errors=%d duration=%d p50=%d p99=%d\\n",
            c, o, e.connect + e.read + e.write + e.timeout, summary.duration, latency:percentile(50), latency:percentile(99)))
        end
        """
    }
}
