import Cases
import CasesTesting
import Foundation
import Testing

/// A temporary folder with a data directory made by `grievance-cli init`, and the passphrases
/// of everyone the test added. Runs the built executable as a person would, one process per
/// command, with the passphrase in GRIEVANCE_PASSPHRASE.
struct CLIWorkspace {
    struct Result {
        let status: Int32
        let standardOutput: String
        let standardError: String

        /// The output parsed as JSON.
        func json() throws -> Any { try JSONSerialization.jsonObject(with: Data(standardOutput.utf8)) }
    }

    static let shippedPolicy = PolicyCheckTests.shipped.path

    let folder: URL
    var passphrases: [String: String] = [:]
    /// The engine its tables are in: `init` run by the CLI itself makes SQLite's.
    var engine = TestEngine.sqlite

    var dataDirectory: URL { folder.appendingPathComponent("data") }
    var recoveryKeyFile: URL { folder.appendingPathComponent("recovery-key.txt") }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("grievance-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// A data directory from the one fixture (made as `init` makes it, in process) with its
    /// administrator `rosa` and whoever else `roster` names, their passphrases known, and the
    /// recovery key written where `init --recovery-key-out` would write it. Its tables are on
    /// the engine the run tests (GRIEVANCE_TEST_ENGINE), unless a test about one engine says which.
    static func initialised(roster: [(id: String, roles: Set<Role>)] = [], engine: TestEngine = .fromEnvironment) throws -> CLIWorkspace {
        let fixture = try CasesFixture(roster: [("rosa", [.admin])] + roster, events: [], clock: TestClock(Date()), engine: engine)
        var workspace = CLIWorkspace(folder: fixture.folder)
        workspace.passphrases = fixture.passphrases
        workspace.engine = engine
        try fixture.recoveryKey.write(to: workspace.recoveryKeyFile.path)
        return workspace
    }

    private init(folder: URL) { self.folder = folder }

    /// `init` run as a person runs it, with the interactive key cost (tests unlock hundreds of
    /// times) and an administrator.
    static func initialisedByCLI(admin: String = "rosa") throws -> CLIWorkspace {
        var workspace = try CLIWorkspace()
        let passphrase = Self.newPassphrase(for: admin)
        let result = try workspace.run(["init", "--org", "Test Workers Network", "--admin", admin, "--policy", shippedPolicy,
                                        "--key-cost", "interactive", "--recovery-key-out", workspace.recoveryKeyFile.path],
                                       environment: ["GRIEVANCE_PASSPHRASE": passphrase])
        #expect(result.status == 0, "init failed: \(result.standardError)")
        workspace.passphrases[admin] = passphrase
        return workspace
    }

    static func newPassphrase(for id: String) -> String { "passphrase of \(id) \(UUID().uuidString.prefix(8))" }

    /// Adds a person through `handler add`, as `by`, and enrols them with the code it printed.
    mutating func add(_ id: String, roles: [String], by admin: String = "rosa") throws {
        let result = try run(["handler", "add", id, "--name", id.capitalized, "--json"] + roles.flatMap { ["--role", $0] }, as: admin)
        #expect(result.status == 0, "handler add \(id) failed: \(result.standardError)")
        let code = try #require((try result.json() as? [String: String])?["enrolment_code"])
        try enrol(id, code: code)
    }

    /// Enrols `id` with `code`, under a new passphrase of their own.
    mutating func enrol(_ id: String, code: String) throws {
        let passphrase = Self.newPassphrase(for: id)
        let enrolled = try run(["enrol", "--as", id, "--code", code], environment: ["GRIEVANCE_NEW_PASSPHRASE": passphrase])
        #expect(enrolled.status == 0, "enrol \(id) failed: \(enrolled.standardError)")
        passphrases[id] = passphrase
    }

    /// Files a report as `handler` and returns its reference and receipt.
    func file(as handler: String, marker: String, extra: [String] = []) throws -> (reference: String, receipt: String) {
        let result = try run(["case", "open", "--category", "harassment", "--channel", "hotline", "--region", "africa",
                              "--respondent", "\(marker)-respondent", "--reporter-name", "\(marker)-name", "--json"] + extra,
                             as: handler, input: "\(marker)-description: what happened at the congress")
        #expect(result.status == 0, "case open failed: \(result.standardError)")
        let object = try result.json() as? [String: Any]
        return (object?["reference"] as? String ?? "", object?["receipt"] as? String ?? "")
    }

    /// Runs `grievance-cli` on this data directory, as `actor` with their passphrase when given.
    func run(_ arguments: [String], as actor: String? = nil, passphrase: String? = nil, input: String? = nil,
             environment extra: [String: String] = [:]) throws -> Result {
        var environment = TestEngine.childEnvironment
        environment["GRIEVANCE_DATA_DIR"] = dataDirectory.path
        // Each person's own state (pins, remembered checkpoints) in a home of their own.
        environment["XDG_STATE_HOME"] = stateHome(of: actor).path
        if let actor {
            environment["GRIEVANCE_AS"] = actor
            environment["GRIEVANCE_PASSPHRASE"] = passphrase ?? passphrases[actor]
        }
        environment.merge(extra) { _, new in new }
        let process = Process()
        // In a session of its own the tool has no terminal to prompt on, as in CI, even when the
        // tests run from one: a missing passphrase must fail, never wait.
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/setsid") {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
            process.arguments = ["--wait", CLIHelpTests.executable.path] + arguments
        } else {
            process.executableURL = CLIHelpTests.executable
            process.arguments = arguments
        }
        process.environment = environment
        process.currentDirectoryURL = folder
        // Files, not pipes: a large output can never fill a pipe nobody is reading yet.
        let outURL = folder.appendingPathComponent("stdout-\(UUID().uuidString)")
        let errURL = folder.appendingPathComponent("stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      standardOutput: try String(contentsOf: outURL, encoding: .utf8),
                      standardError: try String(contentsOf: errURL, encoding: .utf8))
    }

    /// Every entry of the audit log, decoded from `audit export`, its bytes read as text: what
    /// a test looks for an action or a detail in.
    func auditText() throws -> String {
        let export = folder.appendingPathComponent("audit-\(UUID().uuidString).txt").path
        let exported = try run(["audit", "export", "--out", export])
        #expect(exported.status == 0, "\(exported.standardError)")
        defer { try? FileManager.default.removeItem(atPath: export) }
        return try String(contentsOfFile: export, encoding: .utf8).split(separator: "\n")
            .filter { $0.hasPrefix("entry ") }
            .compactMap { Data(base64Encoded: String($0.dropFirst(6))) }
            .map { String(decoding: $0, as: UTF8.self) }
            .joined(separator: "\n")
    }

    /// The folder that stands for `person`'s `$XDG_STATE_HOME` (nil: whoever runs a command
    /// without `--as`).
    func stateHome(of person: String?) -> URL {
        folder.appendingPathComponent("state").appendingPathComponent(person ?? "anyone")
    }

    /// Every byte the installation keeps on disk, and the files beside it.
    func everyFileOnDisk() throws -> [(name: String, bytes: Data)] {
        let names = try FileManager.default.subpathsOfDirectory(atPath: folder.path)
        return try names.compactMap { name in
            var isFolder: ObjCBool = false
            let path = folder.appendingPathComponent(name).path
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else { return nil }
            return (name, try Data(contentsOf: URL(fileURLWithPath: path)))
        }
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}
