import Foundation
import Testing

@testable import grievance_cli

@Suite("grievance-cli policy check")
struct PolicyCheckTests {
    static let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("policies/grievance-procedure.yaml")

    /// A copy of the shipped policy with one change, in a temporary file.
    static func broken(replacing old: String, with new: String) throws -> URL {
        let text = try String(contentsOf: shipped, encoding: .utf8)
        #expect(text.contains(old))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("policy-\(UUID().uuidString).yaml")
        try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test("the shipped procedure checks out, with its stages and hash")
    func valid() throws {
        let result = try CLIHelpTests.runSeparately(["policy", "check", Self.shipped.path])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains(": ok — Grievance procedure (default)"))
        #expect(result.standardOutput.contains("received → acknowledged → assessment"))
        #expect(result.standardOutput.range(of: "sha256: +[0-9a-f]{64}", options: .regularExpression) != nil)
        #expect(result.standardError.isEmpty)
    }

    @Test("a broken file: one error line with file, line and problem, one hint line, exit 65 (verification failed)")
    func broken() throws {
        let url = try Self.broken(replacing: "{ from: appeal, to: closed, roles: [appeals] }", with: "{ from: appeal, to: closed, roles: [] }")
        defer { try? FileManager.default.removeItem(at: url) }
        let result = try CLIHelpTests.runSeparately(["policy", "check", url.path])
        #expect(result.status == CLIExitStatus.verificationFailed.rawValue)
        let lines = result.standardError.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("grievance-cli: error: \(url.path):") == true)
        #expect(lines.first?.contains("nobody may take the transition appeal → closed") == true)
        #expect(lines.last?.hasPrefix("grievance-cli: hint: ") == true)
        #expect(!result.standardError.contains("Fatal error"))
    }

    @Test("--json reports validity, stages and the located error for scripts")
    func json() throws {
        let good = try CLIHelpTests.runSeparately(["policy", "check", Self.shipped.path, "--json"])
        let goodObject = try JSONSerialization.jsonObject(with: Data(good.standardOutput.utf8)) as? [String: Any]
        #expect(good.status == 0)
        #expect(goodObject?["valid"] as? Bool == true)
        #expect((goodObject?["stages"] as? [String])?.count == 8)
        #expect((goodObject?["sha256"] as? String)?.count == 64)

        let url = try Self.broken(replacing: "due: 7 days ", with: "due: 7 dayz ")
        defer { try? FileManager.default.removeItem(at: url) }
        let bad = try CLIHelpTests.runSeparately(["policy", "check", url.path, "--json"])
        let badObject = try JSONSerialization.jsonObject(with: Data(bad.standardOutput.utf8)) as? [String: Any]
        let error = badObject?["error"] as? [String: Any]
        #expect(bad.status == CLIExitStatus.verificationFailed.rawValue)
        #expect(badObject?["valid"] as? Bool == false)
        let brokenLines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(error?["line"] as? Int == brokenLines.firstIndex { $0.contains("due: 7 dayz") }.map { $0 + 1 })
        #expect((error?["problem"] as? String)?.contains("'7 dayz' is not a duration") == true)
    }

    @Test("a missing file says so, and where the default is")
    func missing() throws {
        let result = try CLIHelpTests.runSeparately(["policy", "check", "/nonexistent/procedure.yaml"])
        #expect(result.status == CLIExitStatus.notFound.rawValue)
        #expect(result.standardError.contains("grievance-cli: error: no file at /nonexistent/procedure.yaml"))
        #expect(result.standardError.contains("policies/grievance-procedure.yaml"))
    }
}
