import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The real grievance-server, started on a free port of 127.0.0.1 over a workspace's data
/// directory, as an operator would start it.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    private let output: URL

    static var executable: URL { Bundle.main.bundleURL.appendingPathComponent("grievance-server") }

    init(_ workspace: CLIWorkspace) throws {
        output = workspace.folder.appendingPathComponent("server-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        process.executableURL = Self.executable
        process.arguments = ["--data-dir", workspace.dataDirectory.path, "--port", "0",
                             "--policies", PolicyCheckTests.shipped.deletingLastPathComponent().path]
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GRIEVANCE_") }
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        // The server says where it listens once it does; wait for that line, at most 30 s.
        let deadline = Date().addingTimeInterval(30)
        var found: Int?
        while found == nil, Date() < deadline, process.isRunning {
            Thread.sleep(forTimeInterval: 0.05)
            let log = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            found = log.firstMatch(of: /listening on 127\.0\.0\.1:(\d+)/).flatMap { Int($0.1) }
        }
        guard let found else {
            process.terminate()
            throw ServerStartFailure(log: (try? String(contentsOf: output, encoding: .utf8)) ?? "")
        }
        port = found
    }

    var log: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }

    func url(_ path: String) -> URL { URL(string: "http://127.0.0.1:\(port)\(path)")! }

    /// Sends a request and returns the status and body; a failed connection gives status 0.
    func send(_ path: String, method: String = "GET", contentType: String? = nil, body: String? = nil) async -> (status: Int, body: String) {
        var request = URLRequest(url: url(path))
        request.httpMethod = method
        if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        request.httpBody = body.map { Data($0.utf8) }
        do {
            let (data, response) = try await URLSession.shared.data(for: request)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
        } catch {
            return (0, "\(error)")
        }
    }

    /// SIGTERM, then waits for the process to end; returns its exit status.
    func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }
}

struct ServerStartFailure: Error, CustomStringConvertible {
    let log: String
    var description: String { "grievance-server did not start:\n\(log)" }
}
