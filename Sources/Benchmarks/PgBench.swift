import CasesTesting
import Foundation

/// PostgreSQL's own benchmark on the test server, in a database of its own: the raw figure of
/// durable commits a second that the engines' figures are set beside.
struct PgBench {
    let executable: String
    let url: String
    let database: String
    let environment: [String: String]

    init(in directory: URL) throws {
        let candidates = [ProcessInfo.processInfo.environment["GRIEVANCE_TEST_POSTGRES_BIN"].map { $0 + "/pgbench" }, "/usr/bin/pgbench"].compactMap { $0 }
        guard let executable = candidates.first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw BenchFailure(description: "pgbench is not installed; on Debian: apt-get install postgresql-client")
        }
        let made = try TestEngine.newPostgresDatabase()
        self.executable = executable
        url = made.url
        database = made.url
        let password = try String(contentsOfFile: made.passwordFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        var environment = ProcessInfo.processInfo.environment
        environment["PGPASSWORD"] = password
        self.environment = environment
        _ = try run(["-i", "-s", "10", "-q"])
    }

    /// pgbench -N (simple update, one durable commit each) for `seconds`; transactions a second.
    func run(clients: Int, seconds: Int) throws -> Double {
        let text = try run(["-N", "-n", "-c", "\(clients)", "-j", "2", "-T", "\(seconds)"])
        guard let match = text.firstMatch(of: /tps = ([0-9.]+)/), let tps = Double(match.1) else {
            throw BenchFailure(description: "pgbench printed no tps:\n\(text)")
        }
        return tps
    }

    private func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments + [url]
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchFailure(description: "pgbench \(arguments.joined(separator: " ")) failed:\n\(text)") }
        return text
    }

    func drop() { TestEngine.dropPostgresDatabase(database) }
}
