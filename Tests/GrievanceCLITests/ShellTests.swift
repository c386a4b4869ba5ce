import Foundation
import CasesTesting
import Testing

@testable import grievance_cli

@Suite("grievance-cli shell: its parts")
struct ShellPartsTests {
    @Test("a line splits as a POSIX shell splits it, quotes and backslashes included, nothing expanded")
    func words() throws {
        #expect(try ShellWords.split("case note GRV-1 --text hello") == ["case", "note", "GRV-1", "--text", "hello"])
        #expect(try ShellWords.split("  case   list\t--json  ") == ["case", "list", "--json"])
        #expect(try ShellWords.split(#"case note R --text "Called back; she'll write.""#) == ["case", "note", "R", "--text", "Called back; she'll write."])
        #expect(try ShellWords.split(#"--text 'a "quoted" $HOME \n'"#) == ["--text", #"a "quoted" $HOME \n"#])
        #expect(try ShellWords.split(#"--text "a \"b\" \$c \d""#) == ["--text", #"a "b" $c \d"#])
        #expect(try ShellWords.split(#"one\ word two"#) == ["one word", "two"])
        #expect(try ShellWords.split("--reason '' next") == ["--reason", "", "next"])
        #expect(try ShellWords.split("case list # what is mine") == ["case", "list"])
        #expect(try ShellWords.split("--text a#b") == ["--text", "a#b"])
        #expect(try ShellWords.split("   ").isEmpty)
        #expect(throws: ShellWords.UnclosedQuote(quote: "\"")) { try ShellWords.split(#"--text "unfinished"#) }
        #expect(throws: ShellWords.UnclosedQuote(quote: "'")) { try ShellWords.split("--text 'unfinished") }
    }

    @Test("the idle lock expires after its timeout without activity, and each command starts it again")
    func idleLock() {
        let start = ContinuousClock.now
        var lock = IdleLock(now: start)
        #expect(lock.timeout == .seconds(600))
        #expect(!lock.hasExpired(at: start + .seconds(599)))
        #expect(lock.remaining(at: start + .seconds(599)) == .seconds(1))
        #expect(lock.hasExpired(at: start + .seconds(600)))
        lock.touch(at: start + .seconds(500))
        #expect(!lock.hasExpired(at: start + .seconds(1099)))
        #expect(lock.hasExpired(at: start + .seconds(1100)))
        #expect(lock.remaining(at: start + .seconds(5000)) == .zero)
        let short = IdleLock(timeout: .seconds(2), now: start)
        #expect(short.hasExpired(at: start + .seconds(2)))
    }

    @Test("a line reader gives lines, times out when nothing comes, and ends at the end of input")
    func lineReader() throws {
        let pipe = Pipe()
        let reader = LineReader(descriptor: pipe.fileHandleForReading.fileDescriptor)
        #expect(reader.next(within: .milliseconds(50)) == .timedOut)
        pipe.fileHandleForWriting.write(Data("case list\nsecond line".utf8))
        #expect(reader.next(within: .seconds(5)) == .line("case list"))
        try pipe.fileHandleForWriting.close()
        #expect(reader.next(within: nil) == .line("second line"))
        #expect(reader.next(within: nil) == .end)
    }

    @Test("commands that make or replace the shell's keys, and the shell itself, do not run inside it")
    func notInside() throws {
        #expect(!Shell.runsInShell(try GrievanceCLI.parseAsRoot(["shell"])))
        #expect(!Shell.runsInShell(try GrievanceCLI.parseAsRoot(["handler", "rotate-key"])))
        #expect(!Shell.runsInShell(try GrievanceCLI.parseAsRoot(["enrol", "--code", "X"])))
        #expect(Shell.runsInShell(try GrievanceCLI.parseAsRoot(["case", "list"])))
        #expect(throws: (any Error).self) { try ShellCommand.parse(["--lock-after", "601"]) }
    }
}

/// `grievance-cli shell` run as a script runs it: commands piped in, the passphrase from
/// GRIEVANCE_PASSPHRASE_FILE, no terminal anywhere.
@Suite("grievance-cli shell through a pipe")
struct ShellSessionTests {
    /// The shell as a running process: lines written to its standard input, its outputs
    /// gathered as they come.
    final class Driver: @unchecked Sendable {
        let process = Process()
        private let input = Pipe(), output = Pipe(), errors = Pipe()
        private let lock = NSLock()
        private var out = Data(), err = Data()

        init(_ w: CLIWorkspace, arguments: [String], environment extra: [String: String]) throws {
            var environment = TestEngine.childEnvironment
            environment["GRIEVANCE_DATA_DIR"] = w.dataDirectory.path
            environment.merge(extra) { _, new in new }
            // In a session of its own: no terminal to fall back on, as in CI.
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
            process.arguments = ["--wait", CLIHelpTests.executable.path] + arguments
            process.environment = environment
            process.currentDirectoryURL = w.folder
            process.standardInput = input
            process.standardOutput = output
            process.standardError = errors
            output.fileHandleForReading.readabilityHandler = { [unowned self] handle in
                let data = handle.availableData
                lock.withLock { out.append(data) }
            }
            errors.fileHandleForReading.readabilityHandler = { [unowned self] handle in
                let data = handle.availableData
                lock.withLock { err.append(data) }
            }
            try process.run()
        }

        var standardOutput: String { lock.withLock { String(decoding: out, as: UTF8.self) } }
        var standardError: String { lock.withLock { String(decoding: err, as: UTF8.self) } }

        func send(_ line: String) { input.fileHandleForWriting.write(Data((line + "\n").utf8)) }

        /// Waits until standard output (or error) holds `text` `times` times, at most 60 seconds.
        func waitFor(_ text: String, times: Int = 1, inErrors: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) {
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline {
                let seen = inErrors ? standardError : standardOutput
                if seen.components(separatedBy: text).count - 1 >= times { return }
                Thread.sleep(forTimeInterval: 0.05)
            }
            Issue.record("no \(text) ×\(times) within 60 s; out: \(standardOutput); err: \(standardError)", sourceLocation: sourceLocation)
        }

        func finish() throws -> Int32 {
            try input.fileHandleForWriting.close()
            process.waitUntilExit()
            output.fileHandleForReading.readabilityHandler = nil
            errors.fileHandleForReading.readabilityHandler = nil
            return process.terminationStatus
        }
    }

    @Test("one unlock for a run of commands; failures shown and the shell goes on; locked when idle, then asked again; no history written")
    func session() throws {
        let w = try CLIWorkspace.initialised(roster: [("amina", [.handler]), ("bruno", [.handler])])
        defer { w.remove() }
        let (reference, _) = try w.file(as: "amina", marker: "shell")
        let passphrase = try #require(w.passphrases["amina"])
        let file = w.folder.appendingPathComponent("amina.pass").path
        func keep(_ text: String) throws {
            try Data((text + "\n").utf8).write(to: URL(fileURLWithPath: file))
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        }
        try keep(passphrase)
        let home = w.folder.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let lockAfter = 4
        let shell = try Driver(w, arguments: ["shell", "--as", "amina", "--lock-after", "\(lockAfter)"],
                               environment: ["GRIEVANCE_PASSPHRASE_FILE": file, "HOME": home.path,
                                             "XDG_STATE_HOME": w.stateHome(of: "amina").path])
        shell.send("case list --json")
        shell.waitFor(reference)
        // From here the file holds a wrong passphrase: any second check of it would fail, and
        // be logged. None happens until the shell locks.
        try keep("not amina's passphrase at all")
        shell.send(#"case note \#(reference) --text "Called back; she'll write." --json"#)
        shell.waitFor(#""kind" : "note""#)
        shell.send("case advance \(reference) --to acknowledged --reason 'called back the same day' --json")
        shell.waitFor(#""stage" : "acknowledged""#)
        shell.send("case note \(reference)")  // standard input holds the commands: refused, and the shell goes on
        shell.waitFor("give the note with --text", inErrors: true)
        shell.send("case show --as bruno \(reference)")
        shell.waitFor("this shell acts as amina, not bruno", inErrors: true)
        shell.send("no-such-command")
        shell.waitFor("Unexpected argument 'no-such-command'", inErrors: true)
        shell.send("grievance-cli case show \(reference) --json")
        shell.waitFor("Called back; she'll write.")
        // At once, before the audit export below, which may itself take longer than the idle
        // time on a loaded machine: a shell that locks while idle is right, and checks nothing.
        #expect(!shell.standardError.contains("locked"))
        #expect(try !w.auditText().contains("wrong-passphrase"), "the passphrase was checked again before the shell locked")

        // Idle past the timeout: the keys are forgotten, and the next command asks again — from
        // the file, which now holds a wrong passphrase: refused and logged, the shell goes on.
        Thread.sleep(forTimeInterval: Double(lockAfter) + 2)
        shell.waitFor("locked after \(lockAfter) seconds idle", inErrors: true)
        shell.send("case list --json")
        shell.waitFor("wrong passphrase", inErrors: true)
        #expect(try w.auditText().components(separatedBy: "wrong-passphrase").count - 1 == 1)
        try keep(passphrase)
        shell.send("case show \(reference) --json")
        shell.waitFor("Called back; she'll write.", times: 2)
        shell.send("exit")
        #expect(try shell.finish() == 0)

        // Each command is in the log as amina's, and the shell wrote nothing of its own.
        let audit = try w.auditText()
        #expect(audit.contains("case.note"))
        #expect(audit.components(separatedBy: "wrong-passphrase").count - 1 == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: home.path).isEmpty)
        #expect(!shell.standardOutput.contains("grievance amina>"), "no prompt when standard input is not a terminal")
    }
}
