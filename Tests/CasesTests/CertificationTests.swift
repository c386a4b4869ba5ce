import AuditLog
import Cases
import CasesTesting
import Foundation
import Testing

@Suite("Certification: nothing is sealed to keys the organisation did not certify")
struct CertificationTests {
    /// Someone who can write the database works on it behind Grievance's back, in one
    /// transaction. They bring keys of their own — whole, genuine values from another
    /// installation's row, which they can unlock — and bump the principals generation so every
    /// cache reads their work.
    static func tamper(_ f: CasesFixture, _ statements: [(sql: String, arguments: [RawValue])]) throws {
        try f.raw.transaction { tables in
            for (sql, arguments) in statements { try tables.execute(sql, arguments) }
            #expect(try tables.execute(generationSQL(f, set: "value + 1"), []) == 1)
        }
    }

    /// The principals generation is a setting in SQLite, a counter of its own in PostgreSQL.
    static func generationSQL(_ f: CasesFixture, set value: String) -> String {
        switch f.engine {
        case .sqlite: "UPDATE settings SET value = \(value) WHERE key = 'principals-generation'"
        case .postgres: "UPDATE counters SET value = \(value) WHERE name = 'principals-generation'"
        }
    }

    static func generation(_ f: CasesFixture) throws -> RawValue? {
        switch f.engine {
        case .sqlite: try f.raw.value("SELECT value FROM settings WHERE key = 'principals-generation'")
        case .postgres: try f.raw.value("SELECT value FROM counters WHERE name = 'principals-generation'")
        }
    }

    /// The keys, the wrapped secrets, the creation time and the certificate of `id`'s row in
    /// another installation, in `columns`' order.
    static func keys(of id: String, in other: CasesFixture) throws -> [RawValue] {
        let row = try #require(try other.raw.rows("SELECT * FROM principals WHERE id = ?", .text(id)).first)
        return try Self.columns.map { try #require(row[$0]) }
    }

    static let columns = ["box_public", "signing_public", "box_secret_wrapped", "signing_secret_wrapped", "created_at", "certificate"]

    /// A person nobody added, given `roles` and another installation's keys of `template`.
    static func insert(_ id: String, roles: String, keysOf template: String, from other: CasesFixture) throws -> (sql: String, arguments: [RawValue]) {
        ("""
         INSERT INTO principals (id, name, roles, disabled, \(columns.joined(separator: ", ")))
         VALUES (?, ?, ?, false, ?, ?, ?, ?, ?, ?)
         """, [.text(id), .text(id.capitalized), .text(roles)] + (try keys(of: template, in: other)))
    }

    /// A handler's keys replaced by keys the writer holds (bruno's of the other installation).
    static func swapKeys(from other: CasesFixture) throws -> (sql: String, arguments: [RawValue]) {
        ("UPDATE principals SET box_public = ?, signing_public = ?, box_secret_wrapped = ?, signing_secret_wrapped = ? WHERE id = 'bruno'",
         Array(try keys(of: "bruno", in: other).prefix(4)))
    }

    static func recipients(_ f: CasesFixture, _ reference: CaseReference) throws -> Set<String> {
        Set(try f.raw.column("SELECT recipient FROM case_seals WHERE case_ref = ?", .text(reference.rawValue)).compactMap(\.text))
    }

    @Test("a row added by raw SQL, a key swapped, a role given: no seal at filing, assignment or the panel's grant; untrusted; logged")
    func rawSQL() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let other = try CasesFixture()
        defer { other.remove() }
        #expect(try f.administration.people().allSatisfy(\.trust.isTrusted))
        try Self.tamper(f, [
            // A person nobody added, on the appeals panel and routed every case.
            try Self.insert("mallory", roles: "appeals,handler", keysOf: "amina", from: other),
            try Self.swapKeys(from: other),
            // An investigator made a handler, so that every case is routed to them.
            ("UPDATE principals SET roles = 'handler,investigator' WHERE id = 'ivan'", []),
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
        try Self.tamper(f, [("UPDATE principals SET roles = 'appeals,safeguarding-lead' WHERE id = 'sofia'", []), try Self.swapKeys(from: other)])
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
        try Self.tamper(f, [try Self.insert("eve", roles: "admin", keysOf: "admin", from: other)])
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
        let theirs = try #require(try other.raw.value("SELECT value FROM settings WHERE key = 'recovery-key.public'"))
        try CertificationTests.tamper(f, [("UPDATE settings SET value = ? WHERE key = 'recovery-key.public'", [theirs])])
        #expect(throws: DataDirectoryError.self) { try DataDirectory(path: f.dataDirectory.path).open() }
        #expect(throws: DataDirectoryError.self) { try DataDirectory(path: f.dataDirectory.path).openIntakeDesk() }
    }

    @Test("a seal row added for oneself, with the key marked stale: re-keying drops it, and recovery does not carry it")
    func insertedSealRows() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        // Bruno is kept away by the reporter; with write access he adds a seal row for himself
        // (copied from amina's, with a tag he cannot make) and marks the key stale.
        let kept = try f.intake.file(CasesFixture.intake(marker: "kept-away", exclude: ["bruno"]))
        let plain = try f.intake.file(CasesFixture.intake(marker: "plain", exclude: ["bruno"]))
        try CertificationTests.tamper(f, [kept.reference, plain.reference].map { reference in (
            """
            INSERT INTO case_seals (case_ref, recipient, sealed, assigned, tag)
            SELECT case_ref, 'bruno', sealed, false, tag FROM case_seals WHERE case_ref = ? AND recipient = 'amina'
            """, [.text(reference.rawValue)])
        } + [("UPDATE cases SET key_stale = true WHERE reference = ?", [.text(kept.reference.rawValue)])])
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
        try CertificationTests.tamper(f, [("UPDATE principals SET roles = 'admin' WHERE id = 'bruno'", [])])
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
        let generation = try #require(try CertificationTests.generation(f))
        try f.administration.disablePrincipal("bruno", by: f["admin"])
        #expect(try CertificationTests.generation(f) != generation)
        #expect(try f.raw.execute(CertificationTests.generationSQL(f, set: "?"), generation) == 1)
        let second = try f.intake.file(CasesFixture.intake(marker: "after"))
        #expect(try !CertificationTests.recipients(f, second.reference).contains("bruno"))
    }
}
