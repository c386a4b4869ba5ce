import AuditLog
import Cases
import CasesTesting
import Foundation
import GRDB
import Testing

@Suite("Certification: nothing is sealed to keys the organisation did not certify")
struct CertificationTests {
    /// Someone who can write the database works on it behind Grievance's back. They bring keys
    /// of their own — a whole, genuine row from another installation, which they can unlock —
    /// and bump the principals generation so every cache reads their work.
    static func tamper(_ f: CasesFixture, from other: CasesFixture, _ statements: [String]) throws {
        try f.database.writeWithoutTransaction { db in
            try db.execute(sql: "ATTACH DATABASE ? AS other", arguments: [other.dataDirectory.appendingPathComponent("grievance.sqlite").path])
            try db.inTransaction {
                for sql in statements { try db.execute(sql: sql) }
                try db.execute(sql: "UPDATE settings SET value = value + 1 WHERE key = 'principals-generation'")
                return .commit
            }
            try db.execute(sql: "DETACH DATABASE other")
        }
    }

    static func recipients(_ f: CasesFixture, _ reference: CaseReference) throws -> Set<String> {
        Set(try f.database.read { db in try String.fetchAll(db, sql: "SELECT recipient FROM case_seals WHERE case_ref = ?", arguments: [reference]) })
    }

    static let swapKeys = """
        UPDATE principals SET (box_public, signing_public, box_secret_wrapped, signing_secret_wrapped) =
            (SELECT box_public, signing_public, box_secret_wrapped, signing_secret_wrapped FROM other.principals WHERE id = 'bruno')
        WHERE id = 'bruno'
        """

    @Test("a row added by raw SQL, a key swapped, a role given: no seal at filing, assignment or the panel's grant; untrusted; logged")
    func rawSQL() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let other = try CasesFixture()
        defer { other.remove() }
        #expect(try f.administration.people().allSatisfy(\.trust.isTrusted))
        try Self.tamper(f, from: other, [
            // A person nobody added, on the appeals panel and routed every case.
            """
            INSERT INTO principals (id, name, roles, box_public, signing_public, box_secret_wrapped, signing_secret_wrapped, disabled, created_at, certificate)
            SELECT 'mallory', 'Mallory', 'appeals,handler', box_public, signing_public, box_secret_wrapped, signing_secret_wrapped, 0, created_at, certificate
            FROM other.principals WHERE id = 'amina'
            """,
            // A handler's keys replaced by keys the writer holds.
            Self.swapKeys,
            // An investigator made a handler, so that every case is routed to them.
            "UPDATE principals SET roles = 'handler,investigator' WHERE id = 'ivan'",
        ])
        let trust = Dictionary(uniqueKeysWithValues: try f.administration.people().map { ($0.principal.id, $0.trust) })
        for id in ["mallory", "bruno", "ivan"] { #expect(!(trust[id]?.isTrusted ?? true), "\(id) shows trusted") }
        for id in ["admin", "amina", "sofia", "ana"] { #expect(trust[id] == .trusted) }

        let filed = try f.intake.file(CasesFixture.intake(marker: "certified"))
        #expect(try Self.recipients(f, filed.reference) == ["amina", "@recovery", "@reporter"])
        let refusals = try f.auditEntries().filter { $0.action == "trust.refused" }
        #expect(refusals.count == 1)
        #expect(refusals.first?.details.first { $0.key == "ids" }?.value == "bruno,ivan,mallory")

        // A key holder cannot give it to them either; the attempt is logged.
        let denials = try f.denials()
        #expect(throws: CasesError.self) { try f.casework.assign(filed.reference, to: "mallory", by: f["amina"]) }
        #expect(try f.denials() == denials + 1)

        // The appeals panel's grant reaches the certified member only.
        for stage in ["acknowledged", "assessment", "investigation", "decision", "appeal"] {
            try f.casework.advance(filed.reference, to: stage, reason: "moving on to \(stage)", by: f["amina"])
        }
        #expect(try Self.recipients(f, filed.reference) == ["amina", "ana", "@recovery", "@reporter"])
        #expect(try f.auditEntries().contains { $0.action == "trust.refused" && $0.caseReference == filed.reference.rawValue })
    }

    @Test("a person whose record was changed acts as nobody, and an administrator will not certify keys that are not known to be theirs")
    func untrustedActs() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let other = try CasesFixture()
        defer { other.remove() }
        let filed = try f.casework.file(CasesFixture.intake(marker: "acts"), channel: .hotline, by: f["sofia"])
        try Self.tamper(f, from: other, ["UPDATE principals SET roles = 'appeals,safeguarding-lead' WHERE id = 'sofia'", Self.swapKeys])
        #expect(throws: CasesError.self) { try f.casework.show(filed.reference, as: f["sofia"]) }
        #expect(throws: CasesError.invalid(.person, .untrusted("the record's keys, roles or status are not the ones certified"))) {
            try f.administration.setRoles(of: "bruno", to: [.handler, .investigator], by: f["admin"])
        }
    }

    @Test("an administrator added by raw SQL administers nothing; a disabled administrator's people are vouched for again")
    func administrators() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let other = try CasesFixture()
        defer { other.remove() }
        try Self.tamper(f, from: other, ["""
            INSERT INTO principals (id, name, roles, box_public, signing_public, box_secret_wrapped, signing_secret_wrapped, disabled, created_at, certificate)
            SELECT 'eve', 'Eve', 'admin', box_public, signing_public, box_secret_wrapped, signing_secret_wrapped, 0, created_at, certificate
            FROM other.principals WHERE id = 'admin'
            """])
        let eve = try f.administration.unlock(id: "eve", passphrase: Passphrase(utf8: other.passphrases["admin"]!))
        #expect(throws: CasesError.self) {
            try f.administration.addPrincipal(id: "puppet", name: "Puppet", roles: [.handler], by: eve)
        }
        #expect(try !f.administration.people().contains { $0.principal.id == "puppet" })

        // A second, genuine administrator adds someone, then is disabled: the person stays trusted.
        let ritaCode = try f.administration.addPrincipal(id: "rita", name: "Rita", roles: [.admin], by: f["admin"])
        let rita = try f.administration.enrol(id: "rita", code: ritaCode, passphrase: Passphrase(utf8: "rita's own passphrase"))
        let hanaCode = try f.administration.addPrincipal(id: "hana", name: "Hana", roles: [.handler], by: rita)
        try f.administration.enrol(id: "hana", code: hanaCode, passphrase: Passphrase(utf8: "hana's own passphrase"))
        try f.administration.disablePrincipal("rita", by: f["admin"])
        let trust = Dictionary(uniqueKeysWithValues: try f.administration.people().map { ($0.principal.id, $0.trust) })
        #expect(trust["hana"] == .trusted)
        #expect(trust["rita"] == .trusted)  // certified as disabled
        #expect(try f.auditEntries().last { $0.action == "principal.disabled" }?.details.contains(AuditDetail("recertified", "1")) == true)
    }
}

@Suite("What a database writer cannot make the system seal to them")
struct SealForgeryTests {
    @Test("a recovery key swapped in the database: the data directory is refused, nothing is sealed to it")
    func recoveryKeySwapped() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let other = try CasesFixture()
        defer { other.remove() }
        try CertificationTests.tamper(f, from: other, [
            "UPDATE settings SET value = (SELECT value FROM other.settings WHERE key = 'recovery-key.public') WHERE key = 'recovery-key.public'",
        ])
        #expect(throws: DataDirectoryError.self) { try DataDirectory(path: f.dataDirectory.path).open() }
        #expect(throws: DataDirectoryError.self) { try DataDirectory(path: f.dataDirectory.path).openIntakeDesk() }
    }

    @Test("a seal row added for oneself, with the key marked stale: re-keying drops it, and recovery does not carry it")
    func insertedSealRows() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let other = try CasesFixture()
        defer { other.remove() }
        // Bruno is kept away by the reporter; with write access he adds a seal row for himself
        // (copied from amina's, with a tag he cannot make) and marks the key stale.
        let kept = try f.intake.file(CasesFixture.intake(marker: "kept-away", exclude: ["bruno"]))
        let plain = try f.intake.file(CasesFixture.intake(marker: "plain", exclude: ["bruno"]))
        try CertificationTests.tamper(f, from: other, [kept.reference, plain.reference].flatMap { reference in [
            """
            INSERT INTO case_seals (case_ref, recipient, sealed, assigned, tag)
            SELECT case_ref, 'bruno', sealed, 0, tag FROM case_seals WHERE case_ref = '\(reference.rawValue)' AND recipient = 'amina'
            """,
        ] } + ["UPDATE cases SET key_stale = 1 WHERE reference = '\(kept.reference.rawValue)'"])
        try f.casework.addNote(kept.reference, text: "after the re-key", by: f["amina"])
        #expect(try CertificationTests.recipients(f, kept.reference) == ["amina", "@recovery", "@reporter"])
        #expect(try f.auditEntries().last { $0.action == "case.rekeyed" }?.details.contains(AuditDetail("removed", "bruno")) == true)

        // Recovery moves to bruno's code only the seals a key holder made: not the one he added.
        let code = try f.administration.recoverPrincipal("bruno", recoveryKey: f.recoveryKey)
        let bruno = try f.administration.enrol(id: "bruno", code: code, passphrase: Passphrase(utf8: "bruno's passphrase, anew"))
        #expect(throws: CasesError.self) { try f.casework.show(plain.reference, as: bruno) }
        #expect(try f.casework.list(for: bruno).allSatisfy { ![kept.reference, plain.reference].contains($0.summary.reference) })
    }

    @Test("a handler who gave themselves admin by raw SQL, then asks for recovery, is refused")
    func recoveryOfARewrittenRow() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let other = try CasesFixture()
        defer { other.remove() }
        try CertificationTests.tamper(f, from: other, ["UPDATE principals SET roles = 'admin' WHERE id = 'bruno'"])
        #expect(throws: CasesError.self) { try f.administration.recoverPrincipal("bruno", recoveryKey: f.recoveryKey) }
    }
}

@Suite("The server's routing cache against a database writer")
struct RoutingCacheTests {
    @Test("a person disabled, then the generation counter put back by raw SQL: the server's next filing is not sealed to them")
    func counterReset() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let first = try f.intake.file(CasesFixture.intake(marker: "before"))
        #expect(try CertificationTests.recipients(f, first.reference).contains("bruno"))
        let generation = try f.database.read { db in try Int64.fetchOne(db, sql: "SELECT value FROM settings WHERE key = 'principals-generation'") }
        try f.administration.disablePrincipal("bruno", by: f["admin"])
        try f.database.write { db in
            try db.execute(sql: "UPDATE settings SET value = ? WHERE key = 'principals-generation'", arguments: [generation])
        }
        let second = try f.intake.file(CasesFixture.intake(marker: "after"))
        #expect(try !CertificationTests.recipients(f, second.reference).contains("bruno"))
    }
}
