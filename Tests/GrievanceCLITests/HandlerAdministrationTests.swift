import Cases
import Foundation
import Testing

@testable import grievance_cli

@Suite("grievance-cli init and handler: the data directory, people, roles and keys")
struct HandlerAdministrationTests {
    @Test("init makes a private data directory and a recovery key file; a second init is refused and changes nothing")
    func initialise() throws {
        let w = try CLIWorkspace.initialisedByCLI()
        defer { w.remove() }
        func mode(_ url: URL) throws -> Int {
            (try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
        }
        #expect(try mode(w.dataDirectory) == 0o700)
        for name in try FileManager.default.contentsOfDirectory(atPath: w.dataDirectory.path) {
            #expect(try mode(w.dataDirectory.appendingPathComponent(name)) == 0o600, "\(name)")
        }
        #expect(try mode(w.recoveryKeyFile) == 0o600)
        let recovery = try String(contentsOf: w.recoveryKeyFile, encoding: .utf8).split(separator: "\n")
        #expect(recovery.first == "grievance-recovery-key/v1")
        #expect(recovery.last?.range(of: "^secret [0-9a-f]{64}$", options: .regularExpression) != nil)
        #expect(try Data(contentsOf: w.dataDirectory.appendingPathComponent("pepper")).count == 32)

        let before = try Data(contentsOf: w.dataDirectory.appendingPathComponent("config.json"))
        let again = try w.run(["init", "--org", "Other", "--admin", "eve", "--policy", CLIWorkspace.shippedPolicy, "--key-cost", "interactive"],
                              environment: ["GRIEVANCE_PASSPHRASE": "another admin passphrase"])
        #expect(again.status == CLIExitStatus.couldNotRun.rawValue)
        #expect(again.standardError.contains("already exists and is not empty"))
        #expect(try Data(contentsOf: w.dataDirectory.appendingPathComponent("config.json")) == before)
        // The recovery secret is not in the data directory.
        let secret = String(recovery.last!.dropFirst(7))
        for (name, bytes) in try w.everyFileOnDisk() where name.hasPrefix("data/") {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(name)")
        }
    }

    @Test("init refuses a short passphrase and a broken procedure, and leaves no folder behind")
    func initRefusals() throws {
        let w = try CLIWorkspace()
        defer { w.remove() }
        let short = try w.run(["init", "--org", "O", "--admin", "rosa", "--policy", CLIWorkspace.shippedPolicy],
                              environment: ["GRIEVANCE_PASSPHRASE": "short"])
        #expect(short.status == CLIExitStatus.usage.rawValue)
        #expect(short.standardError.contains("the passphrase is shorter than 12 characters"))
        let broken = w.folder.appendingPathComponent("broken.yaml")
        try "stages: [".write(to: broken, atomically: true, encoding: .utf8)
        let badPolicy = try w.run(["init", "--org", "O", "--admin", "rosa", "--policy", broken.path],
                                  environment: ["GRIEVANCE_PASSPHRASE": "a long enough passphrase"])
        #expect(badPolicy.status == CLIExitStatus.verificationFailed.rawValue)
        #expect(badPolicy.standardError.contains("grievance-cli: error: \(broken.path):2:1: not valid YAML"))
        #expect(!FileManager.default.fileExists(atPath: w.dataDirectory.path))
    }

    /// The audit log says `system`, `reporter` and `recovery-key` for what no person did: a
    /// person by one of those names could pass their own actions off as the system's.
    @Test("nobody may be called by a name the system logs under, at init or at handler add")
    func reservedNames() throws {
        let fresh = try CLIWorkspace()
        defer { fresh.remove() }
        let initialised = try fresh.run(["init", "--org", "O", "--admin", "system", "--policy", CLIWorkspace.shippedPolicy],
                                        environment: ["GRIEVANCE_PASSPHRASE": "a long enough passphrase"])
        #expect(initialised.status == CLIExitStatus.usage.rawValue)
        #expect(initialised.standardError.contains("is a name the system logs its own actions under"), "\(initialised.standardError)")
        #expect(!FileManager.default.fileExists(atPath: fresh.dataDirectory.path))

        let w = try CLIWorkspace.initialised(roster: [("amina", [.handler])])
        defer { w.remove() }
        for name in ["system", "reporter", "recovery-key", "handler"] {
            let added = try w.run(["handler", "add", name, "--name", "Someone", "--role", "handler"], as: "rosa",
                                  environment: ["GRIEVANCE_NEW_PASSPHRASE": "a long enough passphrase"])
            #expect(added.status == CLIExitStatus.usage.rawValue, "\(name)")
            #expect(added.standardError.contains("is a name the system logs its own actions under"), "\(name): \(added.standardError)")
        }
        let people = try #require(try w.run(["handler", "list", "--json"]).json() as? [[String: Any]])
        #expect(Set(people.compactMap { $0["id"] as? String }) == ["rosa", "amina"])
        // A name that merely contains one is anyone's.
        #expect(try w.run(["handler", "add", "system-admin-2", "--name", "Someone", "--role", "handler"], as: "rosa",
                          environment: ["GRIEVANCE_NEW_PASSPHRASE": "a long enough passphrase"]).status == 0)
    }

    @Test("disable: the account acts no more and its keys are gone; nobody disables themselves")
    func disable() throws {
        let w = try CLIWorkspace.initialised(roster: [("amina", [.handler]), ("bruno", [.handler])])
        defer { w.remove() }
        let (reference, _) = try w.file(as: "amina", marker: "disable")
        #expect(try w.run(["handler", "disable", "bruno", "--yes"], as: "rosa").status == 0)
        let people = try #require(try w.run(["handler", "list", "--json"]).json() as? [[String: Any]])
        #expect(people.first { $0["id"] as? String == "bruno" }?["disabled"] as? Bool == true)
        let show = try w.run(["case", "show", reference], as: "bruno")
        #expect(show.status == CLIExitStatus.refused.rawValue)
        #expect(show.standardError.contains("this account is disabled"))
        let holders = try #require(try w.run(["case", "show", reference, "--json"], as: "amina").json() as? [String: Any])
        #expect(!(holders["key_holders"] as? [String] ?? []).contains("bruno"))
        // A new case is no longer routed to him.
        let (next, _) = try w.file(as: "amina", marker: "after")
        let nextHolders = try #require(try w.run(["case", "show", next, "--json"], as: "amina").json() as? [String: Any])
        #expect(Set(nextHolders["key_holders"] as? [String] ?? []) == ["@recovery", "@reporter", "amina"])
        let selfDisable = try w.run(["handler", "disable", "rosa", "--yes"], as: "rosa")
        #expect(selfDisable.status == CLIExitStatus.refused.rawValue)
        #expect(selfDisable.standardError.contains("you cannot disable yourself"))
    }

    @Test("set-roles: losing every case role deletes the person's keys; gaining admin gives the log key; admin beside a reading role is refused")
    func setRoles() throws {
        let w = try CLIWorkspace.initialised(roster: [("amina", [.handler]), ("bruno", [.handler])])
        defer { w.remove() }
        let (reference, _) = try w.file(as: "amina", marker: "roles")
        #expect(try w.run(["handler", "set-roles", "bruno", "--role", "executive"], as: "rosa").status == 0)
        let holders = try #require(try w.run(["case", "show", reference, "--json"], as: "amina").json() as? [String: Any])
        #expect(!(holders["key_holders"] as? [String] ?? []).contains("bruno"))
        #expect(try w.run(["audit", "checkpoint"], as: "bruno").status == CLIExitStatus.refused.rawValue)
        for reading in ["handler", "safeguarding-lead", "investigator", "appeals"] {
            let both = try w.run(["handler", "set-roles", "amina", "--role", reading, "--role", "admin"], as: "rosa")
            #expect(both.status == CLIExitStatus.refused.rawValue)
            #expect(both.standardError.contains("an administrator never reads cases"), "\(both.standardError)")
        }
        let adding = try w.run(["handler", "add", "mallory", "--name", "M", "--role", "admin", "--role", "handler"], as: "rosa",
                               environment: ["GRIEVANCE_NEW_PASSPHRASE": "mallory's own long passphrase"])
        #expect(adding.status == CLIExitStatus.refused.rawValue)
        #expect(adding.standardError.contains("an administrator never reads cases"))
        #expect(try w.run(["handler", "set-roles", "bruno", "--role", "admin", "--role", "executive"], as: "rosa").status == 0)
        let signed = try w.run(["audit", "checkpoint"], as: "bruno")
        #expect(signed.status == 0, "\(signed.standardError)")
        let ownAdmin = try w.run(["handler", "set-roles", "rosa", "--role", "handler"], as: "rosa")
        #expect(ownAdmin.status == CLIExitStatus.refused.rawValue)
        #expect(ownAdmin.standardError.contains("your own administrator role"))
        #expect(try w.run(["audit", "verify"]).status == 0)
    }

    @Test("rotate-key: the old passphrase stops working, the new one opens every case and the log key")
    func rotateKey() throws {
        var w = try CLIWorkspace.initialised()
        defer { w.remove() }
        try w.add("amina", roles: ["handler"], by: "rosa")
        let (reference, _) = try w.file(as: "amina", marker: "rotate")
        let fresh = "a fresh passphrase \(UUID().uuidString)"
        let rotated = try w.run(["handler", "rotate-key"], as: "amina", environment: ["GRIEVANCE_NEW_PASSPHRASE": fresh])
        #expect(rotated.status == 0, "\(rotated.standardError)")
        #expect(try w.run(["case", "list"], as: "amina").standardError.contains("wrong passphrase"))
        #expect(try w.run(["case", "show", reference], as: "amina", passphrase: fresh).status == 0)
        let adminFresh = "the administrator's fresh passphrase"
        #expect(try w.run(["handler", "rotate-key"], as: "rosa", environment: ["GRIEVANCE_NEW_PASSPHRASE": adminFresh]).status == 0)
        #expect(try w.run(["audit", "checkpoint"], as: "rosa", passphrase: adminFresh).status == 0)
        let people = try #require(try w.run(["handler", "list", "--json"]).json() as? [[String: Any]])
        #expect(people.count == 2)
    }
}

@Suite("grievance-cli init --json")
struct InitJSONTests {
    @Test("without --recovery-key-out, the JSON carries the recovery key (written from guarded memory), which reads back as the key file")
    func recoveryKeyInJSON() throws {
        let w = try CLIWorkspace()
        defer { w.remove() }
        let result = try w.run(["init", "--org", "O", "--admin", "rosa", "--policy", CLIWorkspace.shippedPolicy, "--key-cost", "interactive", "--json"],
                               environment: ["GRIEVANCE_PASSPHRASE": "the administrator's passphrase"])
        #expect(result.status == 0, "\(result.standardError)")
        let object = try #require(try result.json() as? [String: String])
        let text = try #require(object["recovery_key"])
        let file = w.folder.appendingPathComponent("key.txt").path
        try (text + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try RecoveryKey.read(from: file).publicKeyHex == object["recovery_public_key"])
        #expect(object["organisation_key"]?.contains("/organisation+") == true)
    }
}

@Suite("grievance-cli handler add, enrol and recover: nobody knows another person's passphrase")
struct EnrolmentTests {
    @Test("handler add asks no passphrase and prints a one-time code; the person enrols with their own; a wrong or reused code is refused and logged")
    func enrolment() throws {
        var w = try CLIWorkspace.initialised()
        defer { w.remove() }
        let added = try w.run(["handler", "add", "amina", "--name", "Amina", "--role", "handler", "--json"], as: "rosa")
        #expect(added.status == 0, "\(added.standardError)")
        let object = try #require(try added.json() as? [String: String])
        #expect(Set(object.keys) == ["id", "enrolment_code"])
        let code = try #require(object["enrolment_code"])
        #expect(code.wholeMatch(of: /[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}/) != nil)

        // Until enrolled: no keys, listed as waiting, nothing sealed to them, and they cannot act.
        let waiting = try #require(try w.run(["handler", "list", "--json"]).json() as? [[String: Any]])
        #expect(waiting.first { $0["id"] as? String == "amina" }?["enrolled"] as? Bool == false)
        #expect(try w.run(["case", "list"], as: "amina", passphrase: "anything at all").status == CLIExitStatus.notFound.rawValue)

        let wrong = try w.run(["enrol", "--as", "amina", "--code", "00000-00000-00000-00000"], environment: ["GRIEVANCE_NEW_PASSPHRASE": "a long passphrase of amina"])
        #expect(wrong.status == CLIExitStatus.refused.rawValue)
        #expect(wrong.standardError.contains("the enrolment code is not the one this person was given"))
        #expect(try w.auditText().contains("wrong-enrolment-code"))

        try w.enrol("amina", code: code)
        let listed = try #require(try w.run(["handler", "list", "--json"]).json() as? [[String: Any]])
        let amina = try #require(listed.first { $0["id"] as? String == "amina" })
        #expect(amina["enrolled"] as? Bool == true)
        #expect(amina["trusted"] as? Bool == true)
        let (reference, _) = try w.file(as: "amina", marker: "enrolled")
        #expect(try w.run(["case", "show", reference], as: "amina").status == 0)
        let again = try w.run(["enrol", "--as", "amina", "--code", code], environment: ["GRIEVANCE_NEW_PASSPHRASE": "another passphrase for amina"])
        #expect(again.status == CLIExitStatus.notFound.rawValue)
        #expect(again.standardError.contains("nobody with id amina is waiting to enrol"))
    }

    @Test("recovery gives a new code, not a passphrase: the person enrols again and every case and key comes back; a wrong key file is refused")
    func recover() throws {
        var w = try CLIWorkspace.initialised()
        defer { w.remove() }
        try w.add("amina", roles: ["handler"])
        try w.add("bruno", roles: ["handler"])
        try w.add("ivy", roles: ["admin"])
        let (reference, _) = try w.file(as: "amina", marker: "recover")

        // Another organisation's recovery key opens nothing here.
        let other = try CLIWorkspace.initialised()
        defer { other.remove() }
        let refused = try w.run(["handler", "recover", "amina", "--recovery-key", other.recoveryKeyFile.path])
        #expect(refused.status == CLIExitStatus.refused.rawValue)
        #expect(refused.standardError.contains("the recovery key is not this organisation's"))
        #expect(try w.run(["case", "list"], as: "amina").status == 0)

        let recovered = try w.run(["handler", "recover", "amina", "--recovery-key", w.recoveryKeyFile.path, "--json"])
        #expect(recovered.status == 0, "\(recovered.standardError)")
        let code = try #require((try recovered.json() as? [String: String])?["enrolment_code"])
        #expect(try w.run(["case", "list"], as: "amina").status == CLIExitStatus.notFound.rawValue)
        // A case filed meanwhile is not sealed to the keys amina lost, nor to the code.
        let (meanwhile, _) = try w.file(as: "bruno", marker: "meanwhile")
        try w.enrol("amina", code: code)
        #expect(try w.run(["case", "show", reference], as: "amina").status == 0)
        #expect(try w.run(["case", "show", meanwhile], as: "amina").status == CLIExitStatus.refused.rawValue)

        let admin = try w.run(["handler", "recover", "ivy", "--recovery-key", w.recoveryKeyFile.path, "--json"])
        try w.enrol("ivy", code: try #require((try admin.json() as? [String: String])?["enrolment_code"]))
        #expect(try w.run(["audit", "checkpoint"], as: "ivy").status == 0)
        #expect(try w.run(["handler", "add", "hana", "--name", "Hana", "--role", "handler"], as: "ivy").status == 0)
        #expect(try w.run(["audit", "verify"]).status == 0)
    }
}
