import Cases
import CasesTesting
import Foundation
import Testing

/// `reminders` and `notify` as a timer and an operator run them, and the notification the server
/// and `case open` send for a new urgent case.
@Suite("grievance-cli reminders and notifications")
struct RemindersCLITests {
    static let roster: [(id: String, roles: Set<Role>)] = [("amina", [.handler]), ("sofia", [.safeguardingLead])]

    /// A report with a marker in every free-text field, as `case open --texts-from-stdin` and the API take it.
    static func texts(_ marker: String) -> [String: String] {
        ["description": "\(marker)-description", "occurred": "\(marker)-occurred", "location": "\(marker)-location",
         "respondent": "\(marker)-respondent", "witnesses": "\(marker)-witnesses", "reporter_name": "\(marker)-name",
         "reporter_contact": "\(marker)-contact@example.org"]
    }

    static func json(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    /// Files through `case open` as `person`, every text from standard input; the reference.
    static func open(_ w: CLIWorkspace, as person: String, category: String, urgent: Bool, marker: String) throws -> (String, CLIWorkspace.Result) {
        let result = try w.run(["case", "open", "--category", category, "--channel", "hotline", "--texts-from-stdin", "--json"] + (urgent ? ["--urgent"] : []),
                               as: person, input: try json(texts(marker)))
        #expect(result.status == 0, "\(result.standardError)")
        return ((try? result.json() as? [String: Any])?["reference"] as? String ?? "", result)
    }

    static func setNotify(_ w: CLIWorkspace, _ command: [String], extra: [String] = []) throws {
        let set = try w.run(["notify", "set"] + extra + ["--"] + command, as: "rosa")
        #expect(set.status == 0, "\(set.standardError)")
    }

    /// Waits up to a minute for `text` in the server's log.
    static func waitFor(_ text: String, in server: ServerProcess) async -> Bool {
        let deadline = Date().addingTimeInterval(60)
        while !server.log.contains(text), Date() < deadline { try? await Task.sleep(for: .milliseconds(100)) }
        return server.log.contains(text)
    }

    @Test("reminders needs no passphrase and nobody's id: a timer sees what is due, per person, the 24-hour risk assessment among it")
    func noPassphrase() throws {
        let w = try CLIWorkspace.initialised(roster: Self.roster)
        defer { w.remove() }
        let (harassment, _) = try Self.open(w, as: "amina", category: "harassment", urgent: false, marker: "R1")
        let (child, _) = try Self.open(w, as: "sofia", category: "safeguarding-child", urgent: false, marker: "R2")
        // As a timer: no GRIEVANCE_AS, no GRIEVANCE_PASSPHRASE (`run` passes none without a person), no terminal.
        let result = try w.run(["reminders", "--json"])
        #expect(result.status == 0, "\(result.standardError)")
        let report = try #require(try result.json() as? [String: Any])
        #expect(report["horizon_hours"] as? Int == 72)
        let people = try #require(report["people"] as? [[String: Any]])
        #expect(people.map { $0["person"] as? String } == ["sofia"], "a harassment case due in a week is not within 3 days")
        let line = try #require((people.first?["reminders"] as? [[String: Any]])?.first)
        #expect(line["reference"] as? String == child)
        #expect(line["what"] as? String == "leave received")
        #expect(line["pressing"] as? Bool == true)
        #expect(Set(line.keys) == ["reference", "category", "stage", "urgent", "what", "due", "overdue", "relation", "pressing"])
        // A longer look, the table a person reads, one person's alone.
        let wider = try w.run(["reminders", "--within", "8d"])
        #expect(wider.status == 0)
        #expect(wider.standardOutput.contains(harassment) && wider.standardOutput.contains(child))
        #expect(wider.standardOutput.contains("PERSON"))
        let amina = try #require(try w.run(["reminders", "--within", "1w", "--for", "amina", "--json"]).json() as? [String: Any])
        #expect((amina["people"] as? [[String: Any]])?.map { $0["person"] as? String } == ["amina"])
        // Passed --as like any command, it still asks nobody anything.
        #expect(try w.run(["reminders", "--as", "amina"], passphrase: "").status == 0)
        for bad in [["--within", "0h"], ["--within", "soon"], ["--for", "nobody"]] {
            let refused = try w.run(["reminders"] + bad)
            #expect([64, 66].contains(refused.status) && refused.standardError.contains("hint:"), "\(bad): \(refused.standardError)")
        }
    }

    @Test("case open --urgent tells the safeguarding lead at once, with no word of the complaint and not the filer's passphrase; a failing or hanging command loses nothing")
    func caseOpenNotifies() async throws {
        var w = try CLIWorkspace.initialised(roster: Self.roster)
        defer { w.remove() }
        let recorder = try NotificationRecorder(in: w.folder)
        try Self.setNotify(w, [recorder.script.path])
        let marker = "CLI-URGENT-\(UUID().uuidString)"
        let (reference, _) = try Self.open(w, as: "amina", category: "harassment", urgent: true, marker: marker)
        let runs = recorder.runs
        #expect(runs.count == 1)
        let run = try #require(runs.first)
        #expect(run.hasPrefix("sofia\n") && run.contains("To: sofia") && run.contains(reference))
        #expect(!run.contains(marker), "the notification carries the complaint's words")
        #expect(!run.contains("GRIEVANCE_PASSPHRASE") && !run.contains(w.passphrases["amina"]!))
        // A command that fails, or overstays its time: the case is filed, and a warning says so.
        try Self.setNotify(w, ["/bin/sh", "-c", "exit 1"])
        let (failed, result) = try Self.open(w, as: "amina", category: "harassment", urgent: true, marker: marker)
        #expect(result.standardError.contains("warning") && result.standardError.contains(failed))
        try Self.setNotify(w, ["/bin/sleep", "60"], extra: ["--timeout", "1"])
        let started = Date()
        let (hung, _) = try Self.open(w, as: "amina", category: "harassment", urgent: true, marker: marker)
        #expect(Date().timeIntervalSince(started) < 30)
        let listed = try #require(try w.run(["case", "list", "--json"], as: "sofia").json() as? [[String: Any]])
        #expect(Set([reference, failed, hung]).isSubset(of: Set(listed.compactMap { $0["reference"] as? String })))
        // Someone who can write the data directory, but is not an administrator, names their own program: never run.
        let config = w.dataDirectory.appendingPathComponent("config.json")
        let swapped = try String(contentsOf: config, encoding: .utf8).replacingOccurrences(of: "/bin/sleep", with: recorder.script.path)
        try Data(swapped.utf8).write(to: config)
        let (_, unsigned) = try Self.open(w, as: "amina", category: "harassment", urgent: true, marker: marker)
        #expect(unsigned.standardError.contains("not the one rosa signed"), "\(unsigned.standardError)")
        #expect(recorder.runs.count == 1)
        #expect(try w.run(["notify", "show"]).standardOutput.contains("verified:  NO"))
        try w.add("olga", roles: ["handler"])
        #expect(try w.run(["notify", "set", "--", "/bin/true"], as: "olga").status == 77, "only an administrator sets it: refused")
    }

    @Test("filed through the server, an urgent case reaches the safeguarding lead's command at once, with no word of it; a failing or hanging command loses no filing")
    func serverNotifies() async throws {
        let w = try CLIWorkspace.initialised(roster: Self.roster)
        defer { w.remove() }
        let recorder = try NotificationRecorder(in: w.folder)
        try Self.setNotify(w, [recorder.script.path])
        let server = try ServerProcess(w)
        let marker = "SERVER-URGENT-\(UUID().uuidString)"
        var body: [String: Any] = Self.texts(marker)
        body["category"] = "harassment"
        body["urgent"] = true
        body["contact_consent"] = ["email": true]
        let filed = await server.send("/api/v1/complaints", method: "POST", contentType: "application/json", body: try Self.json(body))
        let answered = Date()
        #expect(filed.status == 201, "\(filed.body)")
        let reference = try #require((try JSONSerialization.jsonObject(with: Data(filed.body.utf8)) as? [String: Any])?["reference"] as? String)
        let runs = await recorder.waitForRuns(1, seconds: 60)
        // At once — seconds, not the next morning's digest; generous for a machine busy with other tests.
        #expect(Date().timeIntervalSince(answered) < 30, "the notification came \(Date().timeIntervalSince(answered)) s after the answer")
        let run = try #require(runs.first)
        #expect(run.hasPrefix("sofia\n") && run.contains("GRIEVANCE_NOTIFY_TO=sofia") && run.contains(reference))
        #expect(!run.contains(marker), "the notification carries the complaint's words")
        // A safeguarding category through the form is announced too.
        let form = await server.send("/complaints", method: "POST", contentType: "application/x-www-form-urlencoded",
                                     body: "category=safeguarding-adult&description=\(marker)+by+form")
        #expect(form.status == 201)
        #expect(await recorder.waitForRuns(2, seconds: 60).count == 2)

        // The command changed under the running server, read afresh: one that fails, one that hangs.
        try Self.setNotify(w, ["/bin/sh", "-c", "exit 7"])
        let failing = await server.send("/api/v1/complaints", method: "POST", contentType: "application/json", body: try Self.json(body))
        #expect(failing.status == 201)
        #expect(await Self.waitFor("status 7", in: server), "\(server.log)")
        let hang = w.folder.appendingPathComponent("hang")
        try FileManager.default.createDirectory(at: hang, withIntermediateDirectories: true)
        try Self.setNotify(w, ["/bin/sh", "-c", "trap 'touch \(hang.path)/stopped; exit 143' TERM; sleep 60 & wait"], extra: ["--timeout", "5"])
        let hanging = await server.send("/api/v1/complaints", method: "POST", contentType: "application/json", body: try Self.json(body))
        #expect(hanging.status == 201)
        // Had the answer waited for the command, the command would have been stopped by now.
        #expect(!FileManager.default.fileExists(atPath: hang.appendingPathComponent("stopped").path), "the answer waited for the command")
        let listed = try #require(try w.run(["case", "list", "--json"], as: "sofia").json() as? [[String: Any]])
        #expect(listed.count == 4, "every filing is there whatever the command did")
        #expect(server.stop() == 0, "shutdown waits for the command in flight, within its limit")
        #expect(FileManager.default.fileExists(atPath: hang.appendingPathComponent("stopped").path), "the command was stopped at its limit")
        #expect(server.log.contains("notification failed"))
        #expect(server.log.contains("did not finish within 5 seconds"))
        #expect(!server.log.contains(marker))
    }

    @Test("reminders --notify sends each person one digest and says what it sent; notify test and show")
    func digests() async throws {
        let w = try CLIWorkspace.initialised(roster: Self.roster)
        defer { w.remove() }
        // Markers no path, id or hash can hold by chance ("D2-" was once in a temporary folder's UUID).
        let (harassment, _) = try Self.open(w, as: "amina", category: "harassment", urgent: false, marker: "DIGESTMARKONE")
        let (child, _) = try Self.open(w, as: "sofia", category: "safeguarding-child", urgent: false, marker: "DIGESTMARKTWO")
        let notSet = try w.run(["reminders", "--notify"])
        #expect(notSet.status == 69 && notSet.standardError.contains("notify set"))
        let recorder = try NotificationRecorder(in: w.folder)
        try Self.setNotify(w, [recorder.script.path])
        let sent = try w.run(["reminders", "--notify", "--within", "8d", "--json"])
        #expect(sent.status == 0, "\(sent.standardError)")
        let report = try #require(try sent.json() as? [String: Any])
        let outcomes = try #require(report["sent"] as? [[String: Any]])
        #expect(outcomes.map { $0["to"] as? String } == ["amina", "sofia"])
        #expect(outcomes.allSatisfy { $0["delivered"] as? Bool == true && $0["kind"] as? String == "digest" })
        #expect(report["people"] != nil)
        let runs = recorder.runs
        #expect(runs.count == 2)
        let amina = try #require(runs.first { $0.hasPrefix("amina\n") })
        #expect(amina.contains("To: amina") && amina.contains(harassment) && !amina.contains(child))
        #expect(!recorder.recorded.contains("DIGESTMARK"))
        let text = try w.run(["reminders", "--notify", "--within", "8d"])
        #expect(text.standardOutput.contains("Notified amina: 1 deadline.") && text.standardOutput.contains("Notified sofia: 1 deadline."))
        let tested = try w.run(["notify", "test", "--to", "sofia"])
        #expect(tested.status == 0, "\(tested.standardError)")
        #expect(recorder.runs.last?.contains("GRIEVANCE_NOTIFY_KIND=test") == true)
        let shown = try w.run(["notify", "show", "--json"])
        #expect((try shown.json() as? [String: Any])?["verified"] as? Bool == true)
        try Self.setNotify(w, ["/bin/sh", "-c", "exit 1"])
        let failed = try w.run(["reminders", "--notify", "--within", "8d"])
        #expect(failed.status == 69 && failed.standardError.contains("could not notify amina, sofia"))
        #expect(try w.run(["notify", "clear"], as: "rosa").status == 0)
        #expect(try w.run(["notify", "show"]).standardOutput.contains("No notification command is set"))
        #expect(try w.auditText().contains("notify.configured"))
    }
}
