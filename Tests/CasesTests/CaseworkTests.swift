import AuditLog
import Cases
import CasesTesting
import Foundation
import GRDB
import GrievanceCrypto
import Testing

@Suite("Working a case through the procedure")
struct CaseworkTests {
    @Test("the whole life of a case: filed, acknowledged, assessed, investigated, decided, closed — every step logged")
    func lifecycle() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let filed = try f.intake.file(CasesFixture.intake())
        #expect(filed.stage == "received")
        let list = try f.casework.list(for: f["amina"])
        #expect(list.map(\.summary.reference) == [filed.reference])
        #expect(list[0].deadline == f.clock.now.addingTimeInterval(7 * 86_400))
        #expect(list[0].isDueSoon && !list[0].isOverdue)
        try f.casework.advance(filed.reference, to: "acknowledged", reason: "Thank you; we have your report.", by: f["amina"])
        f.clock.advance(days: 2)
        try f.casework.advance(filed.reference, to: "assessment", reason: "Assessing.", by: f["bruno"])
        try f.casework.advance(filed.reference, to: "investigation", reason: "Needs an investigation.", by: f["amina"])
        try f.casework.assign(filed.reference, to: "ivan", by: f["amina"])
        try f.casework.addNote(filed.reference, text: "Interviewed two witnesses.", by: f["ivan"])
        try f.casework.advance(filed.reference, to: "decision", reason: "Findings ready.", by: f["ivan"])
        try f.casework.messageReporter(filed.reference, text: "A decision has been made.", by: f["amina"])
        try f.casework.advance(filed.reference, to: "closed", reason: "No appeal.", by: f["amina"])
        let view = try f.casework.show(filed.reference, as: f["amina"])
        #expect(view.summary.stage == "closed")
        #expect(view.stageTitle == "Closed")
        #expect(view.history.map(\.stage) == ["received", "acknowledged", "assessment", "investigation", "decision", "closed"])
        #expect(view.complaint.description.hasSuffix("-description"))
        #expect(view.records.map(\.kind) == [.stageReason, .stageReason, .stageReason, .note, .stageReason, .messageToReporter, .stageReason])
        #expect(view.records.filter { $0.kind == .stageReason }.map(\.stage) == ["acknowledged", "assessment", "investigation", "decision", "closed"])
        #expect(view.records.filter { $0.kind != .stageReason }.allSatisfy { $0.stage == nil })
        #expect(view.records.first { $0.kind == .note }?.author == "ivan")
        #expect(view.due.isEmpty)
        #expect(view.moves.isEmpty)
        #expect(Set(view.keyHolders).isSuperset(of: ["amina", "bruno", "ivan", "@recovery", "@reporter"]))
        #expect(!view.keyHolders.contains("sofia"))
        #expect(view.reads.map(\.actor) == ["amina"])
        let actions = try f.auditEntries().filter { $0.caseReference == filed.reference.rawValue }.map(\.action)
        #expect(actions == ["case.filed", "case.advanced", "case.advanced", "case.advanced", "case.assigned", "case.note-added",
                            "case.advanced", "case.message-sent", "case.advanced", "case.read"])
        #expect(try f.administration.verifyAudit().isValid)
    }

    @Test("stage changes the procedure does not allow are refused, with a reason, and logged")
    func refusedTransitions() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let filed = try f.intake.file(CasesFixture.intake())
        let before = try f.denials()
        #expect(throws: CasesError.self) { try f.casework.advance(filed.reference, to: "closed", reason: "skip ahead", by: f["amina"]) }
        #expect(throws: CasesError.self) { try f.casework.advance(filed.reference, to: "limbo", reason: "nowhere", by: f["amina"]) }
        #expect(try f.denials() == before + 2)
        #expect(try f.casework.show(filed.reference, as: f["amina"]).summary.stage == "received")
        #expect(throws: CasesError.invalid(.reason, .empty)) { try f.casework.advance(filed.reference, to: "acknowledged", reason: "   ", by: f["amina"]) }
    }

    @Test("the appeal stage gives the appeals panel the key, logged; only the panel closes the appeal, and then reads no more")
    func appeal() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let r = try f.intake.file(CasesFixture.intake()).reference
        #expect(throws: CasesError.self) { try f.casework.show(r, as: f["ana"]) }
        for stage in ["acknowledged", "assessment", "investigation", "decision", "appeal"] {
            try f.casework.advance(r, to: stage, reason: "next", by: f["amina"])
        }
        #expect(try f.auditEntries().contains { $0.action == "case.panel-granted" && $0.caseReference == r.rawValue && $0.detail("recipients") == "1" })
        #expect(try f.casework.show(r, as: f["ana"]).summary.stage == "appeal")
        #expect(try f.casework.show(r, as: f["ana"]).moves.map(\.to) == ["closed"])
        #expect(try f.casework.show(r, as: f["amina"]).moves.isEmpty)
        #expect(throws: CasesError.self) { try f.casework.advance(r, to: "closed", reason: "done", by: f["amina"]) }
        try f.casework.advance(r, to: "closed", reason: "Appeal dismissed.", by: f["ana"])
        #expect(throws: CasesError(.refused(.notInPanelStage(panelStage: "appeal")))) { try f.casework.show(r, as: f["ana"]) }
    }

    @Test("the moves a handler is shown are the ones the procedure lets them make now: the appeal only within its window")
    func moves() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let r = try f.intake.file(CasesFixture.intake()).reference
        #expect(try f.casework.show(r, as: f["amina"]).moves.map(\.to) == ["acknowledged"])
        for stage in ["acknowledged", "assessment", "investigation", "decision"] { try f.casework.advance(r, to: stage, reason: "next", by: f["amina"]) }
        let decision = try f.casework.show(r, as: f["amina"])
        #expect(decision.moves.map(\.to) == ["appeal", "closed"])
        #expect(decision.moves.first?.until == f.clock.now.addingTimeInterval(30 * 86_400))
        f.clock.advance(days: 31)
        let late = try f.casework.show(r, as: f["amina"])
        #expect(late.moves.map(\.to) == ["closed"])
        #expect(late.due.first?.isOverdue == true)
        #expect(throws: CasesError.self) { try f.casework.advance(r, to: "appeal", reason: "late appeal", by: f["amina"]) }
    }

    @Test("safeguarding goes to the safeguarding lead alone, due within 24 hours; urgent cases reach the lead too")
    func safeguardingRouting() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let child = try f.intake.file(CasesFixture.intake("safeguarding-child")).reference
        let lead = try f.casework.list(for: f["sofia"])
        #expect(lead.map(\.summary.reference) == [child])
        #expect(lead[0].deadline == f.clock.now.addingTimeInterval(86_400))
        #expect(try f.casework.list(for: f["amina"]).isEmpty)
        var urgent = CasesFixture.intake("bullying")
        urgent.urgent = true
        let urgentReference = try f.intake.file(urgent).reference
        #expect(try f.casework.list(for: f["sofia"]).map(\.summary.reference).contains(urgentReference))
        f.clock.advance(days: 2)
        #expect(try f.casework.list(for: f["sofia"]).first { $0.summary.reference == child }?.isOverdue == true)
    }

    @Test("a handler files a hotline report on the reporter's behalf; a reporter cannot claim a channel")
    func onBehalf() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let filed = try f.casework.file(CasesFixture.intake(), channel: .hotline, by: f["amina"])
        let view = try f.casework.show(filed.reference, as: f["amina"])
        #expect(view.summary.channel == .hotline)
        #expect(try f.intake.followUp(receipt: filed.receipt).reference == filed.reference)
        #expect(throws: CasesError.invalid(.channel, .webNotOnBehalf)) { try f.casework.file(CasesFixture.intake(), channel: .web, by: f["amina"]) }
        #expect(throws: CasesError(.refused(.notForRole(.file, [.investigator])))) {
            try f.casework.file(CasesFixture.intake(), channel: .email, by: f["ivan"])
        }
        #expect(throws: CasesError(.unknownCategory("no-such-category"))) { try f.intake.file(CasesFixture.intake("no-such-category")) }
        var empty = CasesFixture.intake()
        empty.content.description = "  "
        #expect(throws: CasesError.invalid(.description, .empty)) { try f.intake.file(empty) }
    }

    @Test("references are read as people type them, and refused when they are not references")
    func references() throws {
        let canonical = try CaseReference(parsing: "GRV-7K3M9QXD")
        for typed in ["grv-7k3m9qxd", "7K3M9QXD", " GRV 7K3M 9QXD ", "GRV7K3M9QXD"] {
            #expect(try CaseReference(parsing: typed) == canonical, "\(typed)")
        }
        #expect(try CaseReference(parsing: "GRV-0I1LO000").rawValue == "GRV-01110000")
        for bad in ["", "GRV-", "GRV-7K3M9QX", "GRV-7K3M9QXDD", "GRV-7K3M9QX!", "GRV-7K3M9QXU", "ÄÄÄÄÄÄÄÄ"] {
            #expect(throws: CasesError.invalid(.reference, .notAReference)) { try CaseReference(parsing: bad) }
        }
    }
}

@Suite("Events and the procedure in force")
struct EventAndPolicyTests {
    @Test("administrators register events; cases name only registered events")
    func events() throws {
        let f = try CasesFixture(events: [])
        defer { f.remove() }
        let congress = CasesFixture.congress
        try f.administration.addEvent(congress, by: f["admin"])
        #expect(try f.administration.events() == [congress])
        #expect(throws: CasesError(.duplicate(.event("congress-2027")))) { try f.administration.addEvent(congress, by: f["admin"]) }
        #expect(throws: CasesError(.administratorsOnly(.manageEvents))) { try f.administration.addEvent(congress, by: f["amina"]) }
        let webinar = Event(slug: "webinar-1", name: "Webinar", kind: .webinar, city: "Lima", country: "PE", online: true, starts: "2027-06-01", ends: "2027-06-01")
        #expect(throws: CasesError.invalid(.place, .placeWhenOnline)) { try f.administration.addEvent(webinar, by: f["admin"]) }
        let backwards = Event(slug: "b", name: "B", kind: .forum, city: "Lima", country: "PE", online: false, starts: "2027-06-02", ends: "2027-06-01")
        #expect(throws: CasesError.invalid(.dates, .endsBeforeStarts)) { try f.administration.addEvent(backwards, by: f["admin"]) }
        var intake = CasesFixture.intake()
        intake.event = "congress-2027"
        let filed = try f.intake.file(intake)
        #expect(try f.casework.show(filed.reference, as: f["amina"]).summary.event == "congress-2027")
        intake.event = "no-such-event"
        #expect(throws: CasesError(.noSuchEvent("no-such-event"))) { try f.intake.file(intake) }
    }

    @Test("the procedure's hash is logged when it comes into force, and only then")
    func procedureHash() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        try f.administration.recordProcedureInForce()
        try f.administration.recordProcedureInForce()
        let loaded = try f.auditEntries().filter { $0.action == "policy.loaded" }
        #expect(loaded.count == 1)
        #expect(loaded.first?.detail("sha256") == f.procedure.hash.hex)
    }

    @Test("the appeals panel follows the stage the procedure marks, whatever it is called")
    func renamedPanelStage() throws {
        let text = PolicyFixtures.defaultText.replacingOccurrences(of: "appeal,", with: "review,")
            .replacingOccurrences(of: "to: appeal,", with: "to: review,").replacingOccurrences(of: "from: appeal,", with: "from: review,")
            .replacingOccurrences(of: "  - id: appeal\n", with: "  - id: review\n")
        let f = try CasesFixture(procedure: text)
        defer { f.remove() }
        #expect(f.procedure.panelStage.id == "review")
        let r = try f.intake.file(CasesFixture.intake()).reference
        for stage in ["acknowledged", "assessment", "investigation", "decision", "review"] { try f.casework.advance(r, to: stage, reason: "next", by: f["amina"]) }
        #expect(try f.casework.list(for: f["ana"]).map(\.summary.reference) == [r])
        _ = try f.casework.show(r, as: f["ana"])
        try f.casework.advance(r, to: "closed", reason: "Upheld.", by: f["ana"])
    }
}

@Suite("Routing stays current")
struct RoutingTests {
    @Test("a handler added after cases were filed receives the next case, even when added by another process")
    func newHandlerIsRouted() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        _ = try f.intake.file(CasesFixture.intake())
        // Another process (the command-line tool) opens the same data directory and adds a handler.
        let other = try DataDirectory(path: f.dataDirectory.path).open()
        let code = try other.administration.addPrincipal(id: "chidi", name: "Chidi", roles: [.handler], by: f["admin"])
        let chidi = try other.administration.enrol(id: "chidi", code: code, passphrase: Passphrase(utf8: "chidi's passphrase here"))
        let next = try f.intake.file(CasesFixture.intake())
        #expect(try f.casework.list(for: chidi).map(\.summary.reference) == [next.reference])
        _ = try f.casework.show(next.reference, as: chidi)
    }
}
