import Foundation
import CasesTesting
#if canImport(Glibc)
import Glibc
#endif

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

    init(_ workspace: CLIWorkspace, extraArguments: [String] = []) throws {
        output = workspace.folder.appendingPathComponent("server-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        process.executableURL = Self.executable
        process.arguments = ["--data-dir", workspace.dataDirectory.path, "--port", "0",
                             "--policies", PolicyCheckTests.shipped.deletingLastPathComponent().path] + extraArguments
        process.environment = TestEngine.childEnvironment
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        // The server says where it listens once it does; wait for that line, at most 30 s. The
        // metrics port, when asked for, says so too: it is not the one wanted.
        let metricsPort = extraArguments.firstIndex(of: "--metrics-port").map { Int(extraArguments[$0 + 1]) } ?? nil
        let deadline = Date().addingTimeInterval(30)
        var found: Int?
        while found == nil, Date() < deadline, process.isRunning {
            Thread.sleep(forTimeInterval: 0.05)
            let log = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            found = log.matches(of: /listening on 127\.0\.0\.1:(\d+)/).compactMap { Int($0.1) }.first { $0 != metricsPort }
        }
        guard let found else {
            process.terminate()
            throw ServerStartFailure(log: (try? String(contentsOf: output, encoding: .utf8)) ?? "")
        }
        port = found
    }

    var log: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }

    func url(_ path: String, port: Int? = nil) -> URL { URL(string: "http://127.0.0.1:\(port ?? self.port)\(path)")! }

    /// A port nothing listens on now (the kernel's choice for a socket bound to port 0).
    static func freePort() -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(socket, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Sends a request and returns the status and body; a failed connection gives status 0.
    func send(_ path: String, method: String = "GET", contentType: String? = nil, body: String? = nil, port: Int? = nil) async -> (status: Int, body: String) {
        var request = URLRequest(url: url(path, port: port))
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
