import AuditLog
import Cases
import Foundation
import GRDB
import GrievanceCrypto
import GrievanceCrypto
import Testing

@Suite("Working a case through the procedure")
struct CaseServiceTests {
    @Test("the whole life of a case: filed, acknowledged, assessed, investigated, decided, closed — every step logged")
    func lifecycle() throws {
        let f = try CaseFixture()
        defer { f.remove() }
        let filed = try f.service.file(CaseFixture.intake())
        #expect(filed.stage == "received")
        let list = try f.service.list(for: f["amina"])
        #expect(list.map(\.summary.reference) == [filed.reference])
        #expect(list[0].deadline == f.clock.now.addingTimeInterval(7 * 86_400))
        try f.service.advance(filed.reference, to: "acknowledged", reason: "Thank you; we have your report.", by: f["amina"])
        f.clock.advance(days: 2)
        try f.service.advance(filed.reference, to: "assessment", reason: "Assessing.", by: f["bruno"])
        try f.service.advance(filed.reference, to: "investigation", reason: "Needs an investigation.", by: f["amina"])
        try f.service.assign(filed.reference, to: "ivan", by: f["amina"])
        try f.service.addNote(filed.reference, text: "Interviewed two witnesses.", by: f["ivan"])
        try f.service.advance(filed.reference, to: "decision", reason: "Findings ready.", by: f["ivan"])
        try f.service.messageReporter(filed.reference, text: "A decision has been made.", by: f["amina"])
        try f.service.advance(filed.reference, to: "closed", reason: "No appeal.", by: f["amina"])
        let view = try f.service.show(filed.reference, as: f["amina"])
        #expect(view.summary.stage == "closed")
        #expect(view.history.map(\.stage) == ["received", "acknowledged", "assessment", "investigation", "decision", "closed"])
        #expect(view.complaint.description.hasSuffix("-description"))
        #expect(view.records.map(\.kind) == [.stageReason, .stageReason, .stageReason, .note, .stageReason, .messageToReporter, .stageReason])
        #expect(view.records.first { $0.kind == .note }?.author == "ivan")
        #expect(view.due.isEmpty)
        #expect(Set(view.keyHolders).isSuperset(of: ["amina", "bruno", "ivan", "@recovery", "@reporter"]))
        #expect(!view.keyHolders.contains("sofia"))
        #expect(view.reads.map(\.actor) == ["amina"])
        let actions = try f.auditEntries().filter { $0.caseReference == filed.reference }.map(\.action)
        #expect(actions == ["case.filed", "case.advanced", "case.advanced", "case.advanced", "case.assigned", "case.note-added",
                            "case.advanced", "case.message-sent", "case.advanced", "case.read"])
        let report = try f.storage.database.read { db in
            try f.storage.auditLog.verify(logKey: NoteVerifierKey(name: "test.example.org/audit", type: .ed25519, publicKey: SigningKeyPair.generate().publicKey), in: db)
        }
        #expect(report.isValid, "\(report)")
    }

    @Test("stage changes the procedure does not allow are refused, with a reason, and logged")
    func refusedTransitions() throws {
        let f = try CaseFixture()
        defer { f.remove() }
        let filed = try f.service.file(CaseFixture.intake())
        let before = try f.denials()
        #expect(throws: CasesError.self) { try f.service.advance(filed.reference, to: "closed", reason: "skip ahead", by: f["amina"]) }
        #expect(throws: CasesError.self) { try f.service.advance(filed.reference, to: "limbo", reason: "nowhere", by: f["amina"]) }
        #expect(try f.denials() == before + 2)
        #expect(try f.service.show(filed.reference, as: f["amina"]).summary.stage == "received")
        #expect(throws: CasesError.self) { try f.service.advance(filed.reference, to: "acknowledged", reason: "   ", by: f["amina"]) }
    }

    @Test("the appeal stage gives the appeals panel the key, and only it closes the appeal")
    func appeal() throws {
        let f = try CaseFixture()
        defer { f.remove() }
        let r = try f.service.file(CaseFixture.intake()).reference
        #expect(throws: CasesError.self) { try f.service.show(r, as: f["ana"]) }
        for (stage, who) in [("acknowledged", "amina"), ("assessment", "amina"), ("investigation", "amina"), ("decision", "amina"), ("appeal", "amina")] {
            try f.service.advance(r, to: stage, reason: "next", by: f[who])
        }
        #expect(try f.service.show(r, as: f["ana"]).summary.stage == "appeal")
        #expect(throws: CasesError.self) { try f.service.advance(r, to: "closed", reason: "done", by: f["amina"]) }
        try f.service.advance(r, to: "closed", reason: "Appeal dismissed.", by: f["ana"])
        #expect(throws: CasesError.self) { try f.service.show(r, as: f["ana"]) }
    }

    @Test("an appeal after its window is refused")
    func appealWindow() throws {
        let f = try CaseFixture()
        defer { f.remove() }
        let r = try f.service.file(CaseFixture.intake()).reference
        for stage in ["acknowledged", "assessment", "investigation", "decision"] { try f.service.advance(r, to: stage, reason: "next", by: f["amina"]) }
        f.clock.advance(days: 31)
        #expect(throws: CasesError.self) { try f.service.advance(r, to: "appeal", reason: "late appeal", by: f["amina"]) }
    }

    @Test("safeguarding goes to the safeguarding lead alone, due within 24 hours; urgent cases reach the lead too")
    func safeguardingRouting() throws {
        let f = try CaseFixture()
        defer { f.remove() }
        let child = try f.service.file(CaseFixture.intake("safeguarding-child")).reference
        let lead = try f.service.list(for: f["sofia"])
        #expect(lead.map(\.summary.reference) == [child])
        #expect(lead[0].deadline == f.clock.now.addingTimeInterval(86_400))
        #expect(try f.service.list(for: f["amina"]).isEmpty)
        var urgent = CaseFixture.intake("bullying")
        urgent.urgent = true
        let urgentReference = try f.service.file(urgent).reference
        #expect(try f.service.list(for: f["sofia"]).map(\.summary.reference).contains(urgentReference))
    }

    @Test("a handler files a hotline report on the reporter's behalf; a reporter cannot claim a channel")
    func onBehalf() throws {
        let f = try CaseFixture()
        defer { f.remove() }
        let filed = try f.service.file(CaseFixture.intake(), channel: .hotline, onBehalfBy: f["amina"])
        let view = try f.service.show(filed.reference, as: f["amina"])
        #expect(view.summary.channel == .hotline)
        #expect(try f.service.followUp(receipt: filed.receipt).reference == filed.reference)
        #expect(throws: CasesError.self) { try f.service.file(CaseFixture.intake(), channel: .hotline) }
        #expect(throws: CasesError.self) { try f.service.file(CaseFixture.intake(), channel: .web, onBehalfBy: f["amina"]) }
        #expect(throws: CasesError.self) { try f.service.file(CaseFixture.intake(), channel: .email, onBehalfBy: f["ivan"]) }
        #expect(throws: CasesError.self) { try f.service.file(CaseFixture.intake("no-such-category")) }
        var empty = CaseFixture.intake()
        empty.content.description = "  "
        #expect(throws: CasesError.self) { try f.service.file(empty) }
    }
}

@Suite("Events and the procedure in force")
struct EventAndPolicyTests {
    @Test("administrators register events; cases name only registered events")
    func events() throws {
        let f = try CaseFixture()
        defer { f.remove() }
        let congress = Event(slug: "congress-2027", name: "World Congress 2027", kind: .congress, city: "Nairobi", country: "KE",
                             online: false, starts: "2027-05-10", ends: "2027-05-14")
        try f.service.addEvent(congress, by: f["admin"])
        #expect(try f.service.events() == [congress])
        #expect(throws: CasesError.self) { try f.service.addEvent(congress, by: f["admin"]) }
        #expect(throws: CasesError.self) { try f.service.addEvent(congress, by: f["amina"]) }
        let webinar = Event(slug: "webinar-1", name: "Webinar", kind: .webinar, city: "Lima", country: "PE", online: true, starts: "2027-06-01", ends: "2027-06-01")
        #expect(throws: CasesError.self) { try f.service.addEvent(webinar, by: f["admin"]) }
        var intake = CaseFixture.intake()
        intake.event = "congress-2027"
        let filed = try f.service.file(intake)
        #expect(try f.service.show(filed.reference, as: f["amina"]).summary.event == "congress-2027")
        intake.event = "no-such-event"
        #expect(throws: CasesError.self) { try f.service.file(intake) }
    }

    @Test("the procedure's hash is logged when it comes into force, and only then")
    func procedureHash() throws {
        let f = try CaseFixture()
        defer { f.remove() }
        try f.service.recordProcedureInForce()
        try f.service.recordProcedureInForce()
        let loaded = try f.auditEntries().filter { $0.action == "policy.loaded" }
        #expect(loaded.count == 1)
        #expect(loaded.first?.detail("sha256") == f.service.procedure.hash.hex)
    }
}

@Suite("Routing stays current")
struct RoutingTests {
    @Test("a handler added after cases were filed receives the next case, even through another service instance")
    func newHandlerIsRouted() throws {
        let f = try CaseFixture()
        defer { f.remove() }
        _ = try f.service.file(CaseFixture.intake())
        // Another process (the command-line tool) adds a handler through its own service.
        let other = CaseService(storage: f.storage, procedure: f.service.procedure, pepper: .random(count: 32),
                                recoveryPublicKey: f.recovery.publicKey, keyParameters: .interactive)
        try other.addPrincipal(id: "chidi", name: "Chidi", roles: [.handler], passphrase: SecureBytes(utf8: "chidi's passphrase here"), by: f["admin"])
        let chidi = try f.service.unlock(id: "chidi", passphrase: SecureBytes(utf8: "chidi's passphrase here"))
        let next = try f.service.file(CaseFixture.intake())
        #expect(try f.service.list(for: chidi).map(\.summary.reference) == [next.reference])
        _ = try f.service.show(next.reference, as: chidi)
    }
}
