import Cases
import CasesTesting
import Foundation
import Testing

@Suite("Notifications: a signed command, run without a shell, bounded, told nothing of a case's content")
struct NotificationTests {
    static func configure(_ f: CasesFixture, _ command: [String], timeout: Int = 5, format: NotificationFormat = .mail) throws {
        try f.installation.configureNotifications(try NotifySettings(command: command, timeoutSeconds: timeout, format: format), by: f["admin"])
    }

    @Test("the command reads one message per person on its standard input, its id in GRIEVANCE_NOTIFY_TO and in To:, and nothing else of ours")
    func delivers() async throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let recorder = try NotificationRecorder(in: f.folder)
        try Self.configure(f, [recorder.script.path])
        var intake = CasesFixture.intake("safeguarding-child", marker: "NOTIFY-MARKER")
        intake.urgent = true
        let filed = try f.intake.file(intake)
        let notifier = try #require(try f.intake.notifier())
        let outcomes = await notifier.send(filed.announcements)
        #expect(outcomes.map(\.isDelivered) == [true])
        let run = try #require(recorder.runs.first)
        #expect(run.hasPrefix("sofia\n"))
        #expect(run.contains("GRIEVANCE_NOTIFY_TO=sofia\n"))
        #expect(run.contains("GRIEVANCE_NOTIFY_KIND=new-case\n"))
        #expect(run.contains("To: sofia\n"))
        #expect(run.contains(filed.reference.rawValue))
        #expect(!run.contains("NOTIFY-MARKER"))
        // Only the variables the notifier passes on: PATH and its own, and a few of the system's.
        let names = run.split(separator: "\n").prefix { $0 != "--- input" }.dropFirst().compactMap { $0.split(separator: "=").first.map(String.init) }
        let allowed: Set = ["PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "USER", "LOGNAME", "TMPDIR", "PWD", "OLDPWD", "SHLVL", "_",
                            "GRIEVANCE_NOTIFY_TO", "GRIEVANCE_NOTIFY_KIND", "GRIEVANCE_NOTIFY_SUBJECT"]
        #expect(Set(names).isSubset(of: allowed), "\(Set(names).subtracting(allowed))")

        try Self.configure(f, [recorder.script.path], format: .json)
        let json = try #require(try f.intake.notifier())
        #expect(await json.send(filed.announcements).allSatisfy(\.isDelivered))
        let input = try #require(recorder.runs.last?.components(separatedBy: "--- input\n").last?.components(separatedBy: "=== end").first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(input.utf8)) as? [String: Any])
        #expect(object["to"] as? String == "sofia")
        #expect(object["reference"] as? String == filed.reference.rawValue)
        #expect(object["kind"] as? String == "new-case")
    }

    @Test("a command that fails, hangs or cannot start is an outcome, within its time limit; nothing is lost")
    func failures() async throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let notification = Notification(recipient: "sofia", kind: .test, reminders: [], madeAt: f.clock.now)
        try Self.configure(f, ["/bin/sh", "-c", "cat > /dev/null; exit 3"])
        #expect(await (try #require(try f.intake.notifier())).send(notification).failure == .exited(3))
        // One that never reads its input and never ends, and leaves a child behind: stopped whole,
        // on time. Its own clock says when, which a busy test machine's scheduling cannot blur.
        let files = f.folder.appendingPathComponent("hang")
        try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
        try Self.configure(f, ["/bin/sh", "-c", """
            date +%s.%N > '\(files.path)/started'
            trap 'date +%s.%N > "\(files.path)/stopped"; exit 143' TERM
            sleep 60 & echo $! > '\(files.path)/sleeper'
            wait
            """], timeout: 1)
        #expect(await (try #require(try f.intake.notifier())).send(notification).failure == .timedOut(seconds: 1))
        func read(_ name: String) throws -> String {
            try String(contentsOf: files.appendingPathComponent(name), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let lived = try #require(Double(try read("stopped"))) - (try #require(Double(try read("started"))))
        #expect(lived > 0.5 && lived < 4, "the command ran \(lived) s under a 1 s limit")
        let sleeper = try #require(Int32(try read("sleeper")))
        // Gone, or a zombie nobody has reaped yet (in a container, PID 1 may not reap): not running.
        // A killed process dies when it is next scheduled, which a loaded machine may delay.
        func state() -> Substring? {
            (try? String(contentsOfFile: "/proc/\(sleeper)/stat", encoding: .utf8))?.split(separator: ")").last?.split(separator: " ").first
        }
        let deadline = Date().addingTimeInterval(5)
        while let running = state(), running != "Z", Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(state() == nil || state() == "Z", "the command's own child outlived it (state \(state() ?? ""))")
        try Self.configure(f, ["/nonexistent/notify"])
        guard case .cannotStart = await (try #require(try f.intake.notifier())).send(notification).failure else {
            Issue.record("a missing program is reported as such")
            return
        }
        // A filing's announcements are made after it commits: the case is there whatever the command did.
        var intake = CasesFixture.intake("harassment")
        intake.urgent = true
        let filed = try f.intake.file(intake)
        _ = await (try #require(try f.intake.notifier())).send(filed.announcements)
        #expect(try f.casework.list(for: f["sofia"]).contains { $0.summary.reference == filed.reference })
    }

    @Test("only a trusted administrator sets the command; one changed in config.json behind their back is never run")
    func signed() async throws {
        let f = try CasesFixture()
        defer { f.remove() }
        #expect(try f.intake.notifier() == nil, "no command until one is set")
        let settings = try NotifySettings(command: ["/usr/sbin/sendmail", "-t"])
        #expect(throws: CasesError(.administratorsOnly(.configureNotifications))) {
            try f.installation.configureNotifications(settings, by: f["amina"])
        }
        try f.installation.configureNotifications(settings, by: f["admin"])
        #expect(try f.installation.notifier()?.settings.command == ["/usr/sbin/sendmail", "-t"])
        #expect(try f.auditEntries().contains { $0.action == "notify.configured" && $0.actor == "admin" })
        // Someone who can write the data directory swaps the program.
        let url = f.dataDirectory.appendingPathComponent("config.json")
        let text = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "/usr/sbin/sendmail", with: "/tmp/evil")
        try Data(text.utf8).write(to: url)
        #expect(throws: CasesError.self) { try f.intake.notifier() }
        #expect(throws: CasesError.self) { try f.installation.notifier() }
        // Written without any signature at all.
        try Data(text.replacingOccurrences(of: "\"signature\"", with: "\"unsigned\"").utf8).write(to: url)
        #expect(throws: CasesError.self) { try f.intake.notifier() }
        // Relative programs and silly limits are refused before anything is written.
        #expect(throws: CasesError.self) { try NotifySettings(command: ["sendmail", "-t"]) }
        #expect(throws: CasesError.self) { try NotifySettings(command: []) }
        #expect(throws: CasesError.self) { try NotifySettings(command: ["/bin/true"], timeoutSeconds: 0) }
        // Cleared: a config.json without `notify`, as every data directory made before had.
        try f.installation.configureNotifications(nil, by: f["admin"])
        #expect(try f.installation.notifier() == nil)
        #expect(!(try String(contentsOf: url, encoding: .utf8)).contains("notify"))
        #expect(try DataDirectory(path: f.dataDirectory.path).open().configuration.notify == nil)
    }
}
