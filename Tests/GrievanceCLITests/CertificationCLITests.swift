import Cases
import CasesTesting
import Foundation
import Testing

@testable import grievance_cli

@Suite("grievance-cli and grievance-server: certified people, the organisation key pinned outside the data directory")
struct CertificationCLITests {
    /// Replaces `id`'s keys with the same person's keys from `other`, which the writer can unlock.
    static func swapKeys(of id: String, in w: CLIWorkspace, from other: CLIWorkspace) throws {
        let columns = ["box_public", "signing_public", "box_secret_wrapped", "signing_secret_wrapped"]
        let theirs = try #require(try other.raw().rows("SELECT \(columns.joined(separator: ", ")) FROM principals WHERE id = ?", .text(id)).first)
        try w.raw().transaction { tables in
            let changed = try tables.execute("UPDATE principals SET \(columns.map { "\($0) = ?" }.joined(separator: ", ")) WHERE id = ?",
                                             try columns.map { try #require(theirs[$0]) } + [.text(id)])
            #expect(changed == 1)
            try tables.execute(w.bumpPrincipalsGeneration, [])
        }
    }

    @Test("handler list shows who is trusted; a key swapped by raw SQL shows untrusted and gets no seal from the server")
    func listAndServer() async throws {
        let w = try CLIWorkspace.initialised(roster: [("amina", [.handler]), ("bruno", [.handler])])
        defer { w.remove() }
        let other = try CLIWorkspace.initialised(roster: [("bruno", [.handler])])
        defer { other.remove() }
        let keyFile = w.folder.appendingPathComponent("organisation-key")
        let key = try w.run(["audit", "key", "--organisation"], as: "rosa")
        #expect(key.status == 0)
        try Data(key.standardOutput.utf8).write(to: keyFile)

        let listed = try #require(try w.run(["handler", "list", "--json"], as: "rosa").json() as? [[String: Any]])
        #expect(listed.allSatisfy { $0["trusted"] as? Bool == true })
        try Self.swapKeys(of: "bruno", in: w, from: other)
        let after = try #require(try w.run(["handler", "list", "--json"], as: "rosa").json() as? [[String: Any]])
        let bruno = try #require(after.first { $0["id"] as? String == "bruno" })
        #expect(bruno["trusted"] as? Bool == false)
        #expect((bruno["untrusted_because"] as? String ?? "").contains("not the ones certified"))
        #expect(try w.run(["handler", "list"], as: "rosa").standardOutput.contains("NO: the record's keys"))

        let server = try ServerProcess(w, extraArguments: ["--org-key", keyFile.path])
        defer { _ = server.stop() }
        let filed = await server.send("/api/v1/complaints", method: "POST", contentType: "application/json",
                                      body: #"{"category": "harassment", "description": "sealed to whom?"}"#)
        #expect(filed.status == 201, "\(filed.body)")
        let reference = try #require((try JSONSerialization.jsonObject(with: Data(filed.body.utf8)) as? [String: String])?["reference"])
        let recipients = try w.raw().column("SELECT recipient FROM case_seals WHERE case_ref = ? ORDER BY recipient", .text(reference)).compactMap(\.text)
        #expect(recipients == ["@recovery", "@reporter", "amina"])
        // Bruno's keys are now the writer's: with them, the new case does not open for "bruno".
        let show = try w.run(["case", "show", reference], as: "bruno", passphrase: other.passphrases["bruno"])
        #expect(show.status == CLIExitStatus.refused.rawValue)
    }

    @Test("the organisation key replaced in the data directory: refused by the server's --org-key and by anyone who used the directory before")
    func organisationKeyPinned() throws {
        let w = try CLIWorkspace.initialised(roster: [("amina", [.handler])])
        defer { w.remove() }
        let other = try CLIWorkspace.initialised()
        defer { other.remove() }
        #expect(try w.run(["case", "list"], as: "amina").status == 0)  // amina's state pins the key
        let otherKeyFile = w.folder.appendingPathComponent("other-organisation-key")
        try Data(try other.run(["audit", "key", "--organisation"]).standardOutput.utf8).write(to: otherKeyFile)

        // The server refuses to start on a data directory whose organisation key is not the pinned one.
        #expect {
            _ = try ServerProcess(w, extraArguments: ["--org-key", otherKeyFile.path])
        } throws: { error in
            (error as? ServerStartFailure)?.log.contains("is not the one pinned") == true
        }

        let theirs = try #require(try other.raw().value("SELECT value FROM settings WHERE key = 'organisation-key.public'"))
        #expect(try w.raw().execute("UPDATE settings SET value = ? WHERE key = 'organisation-key.public'", theirs) == 1)
        let pinned = try w.run(["case", "list"], as: "amina")
        #expect(pinned.status == CLIExitStatus.verificationFailed.rawValue)
        #expect(pinned.standardError.contains("is not the one pinned"), "\(pinned.standardError)")
        // A newcomer trusts the key they find on first use — but the recovery key, which every
        // case is sealed to, is not the one it vouched for: the data directory is refused.
        let newcomer = try w.run(["handler", "list", "--json"], as: "newcomer")
        #expect(newcomer.status == CLIExitStatus.verificationFailed.rawValue)
        #expect(newcomer.standardError.contains("the recovery key"), "\(newcomer.standardError)")
    }
}
