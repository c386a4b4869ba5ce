import Cases
import Foundation
import Testing

@testable import grievance_cli

@Suite("grievance-cli: the life of a case, end to end")
struct CaseLifeTests {
    @Test("filed by phone, worked through every stage by the right people, closed on appeal; nothing leaks to disk")
    func lifeOfACase() throws {
        var w = try CLIWorkspace.initialisedByCLI()
        defer { w.remove() }
        for (id, role) in [("amina", "handler"), ("ivan", "investigator"), ("ana", "appeals"), ("exec", "executive")] {
            try w.add(id, roles: [role])
        }
        #expect(try w.run(["event", "add", "congress-2027", "--name", "World Congress", "--type", "congress", "--starts", "2027-05-10",
                           "--ends", "2027-05-14", "--city", "Nairobi", "--country", "KE"], as: "rosa").status == 0)
        let marker = "CANARY-\(UUID().uuidString)"
        let (reference, receipt) = try w.file(as: "amina", marker: marker, extra: ["--event", "congress-2027"])
        #expect(reference.hasPrefix("GRV-"))
        #expect(receipt.count == 23)

        func step(_ arguments: [String], as actor: String) throws {
            let result = try w.run(arguments, as: actor)
            #expect(result.status == 0, "\(arguments) as \(actor): \(result.standardError)")
        }
        try step(["case", "advance", reference, "--to", "acknowledged", "--reason", "\(marker)-ack"], as: "amina")
        try step(["case", "advance", reference, "--to", "assessment", "--reason", "\(marker)-assess"], as: "amina")
        try step(["case", "advance", reference, "--to", "investigation", "--reason", "\(marker)-investigate"], as: "amina")
        try step(["case", "assign", reference, "--to", "ivan"], as: "amina")
        try step(["case", "note", reference, "--text", "\(marker)-interview"], as: "ivan")
        try step(["case", "advance", reference, "--to", "decision", "--reason", "\(marker)-findings"], as: "ivan")
        try step(["case", "message", reference, "--text", "\(marker)-message"], as: "amina")
        try step(["case", "advance", reference, "--to", "appeal", "--reason", "\(marker)-appealed"], as: "amina")
        // The appeals panel received the key when the appeal began, and closes the case.
        let panelList = try w.run(["case", "list", "--json"], as: "ana")
        #expect((try panelList.json() as? [[String: Any]])?.map { $0["reference"] as? String } == [reference])
        try step(["case", "advance", reference, "--to", "closed", "--reason", "\(marker)-upheld"], as: "ana")

        let shown = try w.run(["case", "show", reference, "--json"], as: "amina")
        #expect(shown.status == 0)
        let view = try #require(try shown.json() as? [String: Any])
        #expect((view["summary"] as? [String: Any])?["stage"] as? String == "closed")
        #expect((view["summary"] as? [String: Any])?["event"] as? String == "congress-2027")
        #expect((view["history"] as? [[String: Any]])?.compactMap { $0["stage"] as? String }
                == ["received", "acknowledged", "assessment", "investigation", "decision", "appeal", "closed"])
        #expect((view["complaint"] as? [String: Any])?["description"] as? String == "\(marker)-description: what happened at the congress")
        let records = view["records"] as? [[String: Any]] ?? []
        #expect(records.contains { $0["kind"] as? String == "note" && $0["author"] as? String == "ivan" && $0["text"] as? String == "\(marker)-interview" })
        #expect(records.contains { $0["kind"] as? String == "stage-reason" && $0["author"] as? String == "ana" && $0["stage"] as? String == "closed" })
        #expect(records.filter { $0["kind"] as? String == "stage-reason" }.compactMap { $0["stage"] as? String }
                == ["acknowledged", "assessment", "investigation", "decision", "appeal", "closed"])
        // The panel's copy did not outlive the appeal: closing it took the key from ana and re-keyed.
        #expect(Set(view["key_holders"] as? [String] ?? []) == ["@recovery", "@reporter", "amina", "ivan"])
        #expect(view["next_stages"] as? [String] == [])
        // Who read it, from the audit log: this read (and none by anyone who never opened it).
        #expect((view["reads"] as? [[String: Any]])?.compactMap { $0["actor"] as? String } == ["amina"])

        let verify = try w.run(["audit", "verify", "--json"])
        #expect(verify.status == 0)
        #expect((try verify.json() as? [String: Any])?["valid"] as? Bool == true)

        // The text view a person reads has the same story.
        let text = try w.run(["case", "show", reference], as: "amina")
        #expect(text.standardOutput.contains("stage: closed"))
        #expect(text.standardOutput.contains("\(marker)-upheld"))

        // No narrative, name, note or message is anywhere on disk: database, WAL, config, exports.
        let export = try w.run(["audit", "export", "--out", w.folder.appendingPathComponent("audit.txt").path])
        #expect(export.status == 0)
        for (name, bytes) in try w.everyFileOnDisk() {
            #expect(bytes.range(of: Data(marker.utf8)) == nil, "\(marker) found in \(name)")
            #expect(bytes.range(of: Data(receipt.utf8)) == nil, "the receipt found in \(name)")
        }
    }

    @Test("case open --texts-from-stdin: names and contacts never on the command line; the same text twice, or an unknown field, is refused")
    func textsFromStandardInput() throws {
        let w = try CLIWorkspace.initialised(roster: [("amina", [.handler])])
        defer { w.remove() }
        let marker = "STDIN-\(UUID().uuidString)"
        let texts = #"{"description": "\#(marker) what happened", "reporter_name": "\#(marker) name", "reporter_contact": "\#(marker)@example.org"}"#
        let opened = try w.run(["case", "open", "--category", "harassment", "--channel", "hotline", "--gender", "woman", "--language", "fr",
                                "--texts-from-stdin", "--json"], as: "amina", input: texts)
        #expect(opened.status == 0, "\(opened.standardError)")
        let reference = try #require((try opened.json() as? [String: String])?["reference"])
        let view = try #require(try w.run(["case", "show", reference, "--json"], as: "amina").json() as? [String: Any])
        let complaint = view["complaint"] as? [String: Any]
        #expect(complaint?["reporter_name"] as? String == "\(marker) name")
        #expect(complaint?["reporter_contact"] as? String == "\(marker)@example.org")
        #expect((view["summary"] as? [String: Any])?["language"] as? String == "fr")

        let twice = try w.run(["case", "open", "--category", "harassment", "--channel", "hotline", "--reporter-name", "someone", "--texts-from-stdin"],
                              as: "amina", input: texts)
        #expect(twice.status == CLIExitStatus.usage.rawValue)
        #expect(twice.standardError.contains("reporter_name was given both"))
        let unknown = try w.run(["case", "open", "--category", "harassment", "--channel", "hotline", "--texts-from-stdin"],
                                as: "amina", input: #"{"description": "x", "reporter_phone": "123"}"#)
        #expect(unknown.status == CLIExitStatus.usage.rawValue)
        #expect(unknown.standardError.contains("reporter_phone"))
        let freeGender = try w.run(["case", "open", "--category", "harassment", "--channel", "hotline", "--gender", "the only woman there",
                                    "--description", "x"], as: "amina")
        #expect(freeGender.status != 0)
    }

    @Test("--json on every read command parses, and says what people and events exist")
    func jsonReads() throws {
        let w = try CLIWorkspace.initialised(roster: [("amina", [.handler, .investigator])])
        defer { w.remove() }
        #expect(try w.run(["event", "add", "webinar-1", "--name", "Safety webinar", "--type", "webinar", "--starts", "2027-01-10",
                           "--ends", "2027-01-10", "--online"], as: "rosa").status == 0)
        let people = try #require(try w.run(["handler", "list", "--json"]).json() as? [[String: Any]])
        #expect(people.compactMap { $0["id"] as? String } == ["amina", "rosa"])
        #expect(people.first?["roles"] as? [String] == ["handler", "investigator"])
        #expect(people.first?["disabled"] as? Bool == false)
        let events = try #require(try w.run(["event", "list", "--json"]).json() as? [[String: Any]])
        #expect(events.first?["intake_link"] as? String == "http://127.0.0.1:8080/e/webinar-1")
        #expect(events.first?["online"] as? Bool == true)
        #expect(events.first?["city"] is NSNull)

        let (reference, _) = try w.file(as: "amina", marker: "json")
        let list = try #require(try w.run(["case", "list", "--json"], as: "amina").json() as? [[String: Any]])
        #expect(list.count == 1)
        #expect(list.first?["reference"] as? String == reference)
        #expect(list.first?["stage"] as? String == "received")
        #expect(list.first?["overdue"] as? Bool == false)
        #expect(list.first?["deadline"] is String)
        // Filters: nothing in another stage, nothing assigned, nothing overdue; all of it due soon.
        for filters in [["--stage", "decision"], ["--mine"], ["--overdue"], ["--category", "violence"], ["--event", "webinar-1"]] {
            let filtered = try #require(try w.run(["case", "list", "--json"] + filters, as: "amina").json() as? [[String: Any]])
            #expect(filtered.isEmpty, "\(filters)")
        }
        #expect((try w.run(["case", "list", "--json", "--due"], as: "amina").json() as? [[String: Any]])?.count == 1)
    }

    @Test("an encrypted case export opens with its passphrase only, and is logged")
    func export() throws {
        let w = try CLIWorkspace.initialised(roster: [("amina", [.handler])])
        defer { w.remove() }
        let marker = "EXPORT-\(UUID().uuidString)"
        let (reference, _) = try w.file(as: "amina", marker: marker)
        let bundle = w.folder.appendingPathComponent("bundle.grv").path
        let exportPassphrase = "export passphrase \(UUID().uuidString)"
        let made = try w.run(["case", "export", reference, "--out", bundle], as: "amina",
                             environment: ["GRIEVANCE_EXPORT_PASSPHRASE": exportPassphrase])
        #expect(made.status == 0, "\(made.standardError)")
        let attributes = try FileManager.default.attributesOfItem(atPath: bundle)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try Data(contentsOf: URL(fileURLWithPath: bundle)).range(of: Data(marker.utf8)) == nil)

        let wrong = try w.run(["case", "read-export", bundle], environment: ["GRIEVANCE_EXPORT_PASSPHRASE": "not the passphrase at all"])
        #expect(wrong.status == CLIExitStatus.verificationFailed.rawValue)
        #expect(wrong.standardError.contains("the passphrase is wrong, or the file was altered"))
        let opened = try w.run(["case", "read-export", bundle], environment: ["GRIEVANCE_EXPORT_PASSPHRASE": exportPassphrase])
        #expect(opened.status == 0)
        let object = try #require(try opened.json() as? [String: Any])
        #expect(object["format"] as? String == "grievance-case-export/v1")
        #expect((object["complaint"] as? [String: Any])?["respondent"] as? String == "\(marker)-respondent")
        // A second export never overwrites the first.
        let again = try w.run(["case", "export", reference, "--out", bundle], as: "amina",
                              environment: ["GRIEVANCE_EXPORT_PASSPHRASE": exportPassphrase])
        #expect(again.status == CLIExitStatus.usage.rawValue)
        #expect(again.standardError.contains("already exists"))
        let shown = try #require(try w.run(["case", "show", reference, "--json"], as: "amina").json() as? [String: Any])
        #expect((shown["reads"] as? [[String: Any]])?.count == 2)
    }
}

@Suite("grievance-cli event add --qr")
struct EventQRTests {
    @Test("writes the intake link as a PNG QR code when qrencode is installed, else says how to get it and adds nothing")
    func qr() throws {
        let w = try CLIWorkspace.initialised()
        defer { w.remove() }
        let png = w.folder.appendingPathComponent("badge.png")
        let result = try w.run(["event", "add", "forum-1", "--name", "Forum", "--type", "forum", "--starts", "2027-03-01", "--ends", "2027-03-02",
                                "--city", "Lima", "--country", "PE", "--qr", png.path], as: "rosa")
        let events = try #require(try w.run(["event", "list", "--json"]).json() as? [[String: Any]])
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/qrencode") {
            #expect(result.status == 0, "\(result.standardError)")
            #expect(try Data(contentsOf: png).prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            #expect(events.count == 1)
        } else {
            #expect(result.status == CLIExitStatus.couldNotRun.rawValue)
            #expect(result.standardError.contains("apt-get install qrencode"))
            #expect(events.isEmpty)
        }
    }
}
