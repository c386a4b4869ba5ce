import Cases
import CasesTesting
import Foundation
import GrievanceCrypto
import Testing

/// The access rule through the real casework: every person of every role, with a case in every
/// stage, assigned to them or not, trying every action on it. What `list` shows is exactly what
/// `show` opens, every outcome is the design's, and every refusal is logged once.
@Suite("Who may do what, through casework")
struct AccessMatrixTests {
    /// Everyone of the fixture, and two people with two roles each: a role may allow what the
    /// other does not, never more than either.
    /// (Investigator with appeals is refused outright: `Principal.checkRoles`.)
    static let roster = CasesFixture.roster + [("iris", [.appeals, .auditor]), ("hana", [.handler, .investigator])]

    /// How a `violence` case (routed to handlers and safeguarding leads) reaches each stage of
    /// the shipped procedure, and who moves it; `closed` goes through the appeal, and the panel's
    /// copy of the key does not outlive its stage.
    static let paths: [String: [(stage: String, by: String)]] = {
        let decided = [("acknowledged", "amina"), ("assessment", "amina"), ("investigation", "amina"), ("decision", "amina")]
        return [
            "received": [], "acknowledged": Array(decided.prefix(1)), "assessment": Array(decided.prefix(2)),
            "informal-resolution": Array(decided.prefix(2)) + [("informal-resolution", "amina")],
            "investigation": Array(decided.prefix(3)), "decision": decided, "appeal": decided + [("appeal", "amina")],
            "closed": decided + [("appeal", "amina"), ("closed", "ana")],
        ]
    }()

    static func makeCase(in stage: String, _ f: CasesFixture) throws -> CaseReference {
        let sealer = try f.intake.attachmentSealer(name: "photo.jpg", contentType: "image/jpeg")
        try sealer.append([1, 2, 3])
        let attachment = try sealer.finish()
        defer { attachment.discard() }
        let reference = try f.intake.file(CasesFixture.intake("violence"), attachments: [attachment]).reference
        for step in paths[stage]! { try f.casework.advance(reference, to: step.stage, reason: "on to \(step.stage)", by: f[step.by]) }
        return reference
    }

    /// What the person holds of a case in `stage`, by the design: a handler or safeguarding lead
    /// by routing, the panel once the case reached the appeal, anyone by an assignment that took.
    static func holding(_ roles: Set<Role>, stage: String, assigned: Bool) -> KeyHolding {
        if assigned { return .assigned }
        let routed = !roles.isDisjoint(with: [.handler, .safeguardingLead])
        let panel = roles.contains(.appeals) && stage == "appeal"
        return routed || panel ? .held : .none
    }

    static func facts(_ stage: String, _ holding: KeyHolding) -> CaseFacts {
        CaseFacts(stage: stage, panelStage: "appeal", routedRoles: [.handler, .safeguardingLead], holding: holding)
    }

    @Test("every role × stage × assignment × action: list shows what show opens, outcomes are the design's, refusals are logged",
          arguments: ["received", "acknowledged", "assessment", "informal-resolution", "investigation", "decision", "appeal", "closed"])
    func walk(stage: String) throws {
        let f = try CasesFixture(roster: Self.roster)
        defer { f.remove() }
        for (id, roles) in Self.roster {
            for wantsAssignment in [false, true] {
                // Assign to the person when the design lets a handler do it; `amina` assigns, or `sofia` assigning `amina`.
                let assigner = id == "amina" ? "sofia" : "amina"
                let before = Self.holding(roles, stage: stage, assigned: false)
                let assignable = AccessRuleTests.designAllows(roles, disabled: false, .receiveAssigned, Self.facts(stage, before))
                let assigned = wantsAssignment && assignable
                func prepared() throws -> CaseReference {
                    let reference = try Self.makeCase(in: stage, f)
                    if wantsAssignment {
                        let outcome = Result { try f.casework.assign(reference, to: id, by: f[assigner]) }
                        #expect((try? outcome.get()) != nil ? assignable : !assignable, "assigning \(id) at \(stage)")
                    }
                    return reference
                }
                let facts = Self.facts(stage, Self.holding(roles, stage: stage, assigned: assigned))
                let shared = try prepared()
                let listed = try f.casework.list(for: f[id]).contains { $0.summary.reference == shared }
                let opens = (try? f.casework.show(shared, as: f[id])) != nil
                #expect(listed == opens, "\(id) at \(stage), assigned \(assigned): listed \(listed), opens \(opens)")
                for action in CaseAction.working {
                    let reference = [.assign, .advance, .exclude, .hold].contains(action) ? try prepared() : shared
                    let (expected, attempt) = try Self.attempt(action, by: id, roles: roles, on: reference, stage: stage, facts: facts, f)
                    let logSize = try f.auditSize()
                    do {
                        try attempt()
                        #expect(expected, "\(id) (\(roles.sorted())) was allowed \(action) at \(stage), assigned \(assigned)")
                    } catch let error as CasesError {
                        #expect(!expected, "\(id) (\(roles.sorted())) was refused \(action) at \(stage), assigned \(assigned): \(error)")
                        let logged = try f.auditEntries(since: logSize).filter { $0.action == "access.denied" && $0.actor == id }
                        #expect(logged.count == 1, "the refusal of \(action) to \(id) was logged \(logged.count) times")
                    }
                }
            }
        }
    }

    /// What the design expects of `action`, and the call that tries it.
    static func attempt(_ action: CaseAction, by id: String, roles: Set<Role>, on reference: CaseReference, stage: String, facts: CaseFacts,
                        _ f: CasesFixture) throws -> (Bool, () throws -> Void) {
        let allowed = AccessRuleTests.designAllows(roles, disabled: false, action, facts)
        let actor = f[id]
        switch action {
        case .read: return (allowed, { _ = try f.casework.show(reference, as: actor) })
        case .export: return (allowed, { _ = try f.casework.export(reference, as: actor, sealedWith: nil) })
        case .readAttachment: return (allowed, { try f.casework.readAttachment(reference, sequence: 2, as: actor) { _ in } })
        case .note: return (allowed, { try f.casework.addNote(reference, text: "a note", by: actor) })
        case .message: return (allowed, { try f.casework.messageReporter(reference, text: "a message", by: actor) })
        case .hold: return (allowed, { try f.casework.hold(reference, reason: "a hold", by: actor) })
        case .exclude:
            let target = id == "bruno" ? "amina" : "bruno"
            return (allowed, { try f.casework.exclude(reference, principal: target, by: actor) })
        case .assign:
            // The investigator can always be assigned a case; `bruno` when the investigator assigns.
            let target = id == "ivan" ? "bruno" : "ivan"
            return (allowed, { try f.casework.assign(reference, to: target, by: actor) })
        case .advance:
            let transitions = f.procedure.transitions(from: stage)
            let move = transitions.first { !$0.roles.isDisjoint(with: roles) } ?? transitions.first
            let target = move?.to ?? "received"
            let permitted = (try? f.procedure.decide(from: stage, to: target, roles: roles, isPerson: true, enteredAt: f.clock.now,
                                                      now: f.clock.now).get()) != nil
            return (allowed && permitted, { try f.casework.advance(reference, to: target, reason: "moving on", by: actor) })
        default:
            Issue.record("\(action) does not work a case")
            return (false, {})
        }
    }
}

@Suite("Who may do what, case by case")
struct AccessCaseTests {
    @Test("an investigator works only what is assigned, and only as an investigator may")
    func investigator() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let reference = try f.intake.file(CasesFixture.intake()).reference
        #expect(throws: CasesError.self) { try f.casework.show(reference, as: f["ivan"]) }
        try f.casework.assign(reference, to: "ivan", by: f["amina"])
        _ = try f.casework.show(reference, as: f["ivan"])
        try f.casework.addNote(reference, text: "interviewed", by: f["ivan"])
        #expect(throws: CasesError(.refused(.notForRole(.message, [.investigator])))) {
            try f.casework.messageReporter(reference, text: "hello", by: f["ivan"])
        }
        #expect(try f.casework.list(for: f["ivan"]).map(\.summary.reference) == [reference])
    }

    @Test("administrators, executives and auditors can never be given a case; the refusal is logged as the target's")
    func nonContentRolesCannotBeAssigned() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let reference = try f.intake.file(CasesFixture.intake()).reference
        for id in ["admin", "exec", "audi"] {
            let size = try f.auditSize()
            #expect(throws: CasesError.self) { try f.casework.assign(reference, to: id, by: f["amina"]) }
            #expect(try f.auditEntries(since: size).map { $0.detail("reason") } == ["target-role"])
            #expect(try f.casework.list(for: f[id]).isEmpty)
        }
    }

    @Test("the appeals panel cannot be assigned a case outside its stage")
    func panelOutsideItsStage() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let reference = try f.intake.file(CasesFixture.intake()).reference
        #expect(throws: CasesError(.cannotReceive("ana", .notInPanelStage(panelStage: "appeal")))) { try f.casework.assign(reference, to: "ana", by: f["amina"]) }
        #expect(try f.casework.list(for: f["ana"]).isEmpty)
    }

    @Test("a person the reporter excluded is never sealed the case, cannot be assigned it, and loses it when excluded later")
    func conflictOfInterest() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let reference = try f.intake.file(CasesFixture.intake(exclude: ["bruno"])).reference
        #expect(throws: CasesError.self) { try f.casework.show(reference, as: f["bruno"]) }
        #expect(try f.casework.list(for: f["bruno"]).isEmpty)
        let before = try f.denials()
        #expect(throws: CasesError(.cannotReceive("bruno", .excluded))) { try f.casework.assign(reference, to: "bruno", by: f["amina"]) }
        #expect(try f.denials() == before + 1)
        let other = try f.intake.file(CasesFixture.intake()).reference
        _ = try f.casework.show(other, as: f["bruno"])
        try f.casework.exclude(other, principal: "bruno", by: f["amina"])
        #expect(throws: CasesError.self) { try f.casework.show(other, as: f["bruno"]) }
        #expect(throws: CasesError.self) { try f.casework.assign(other, to: "bruno", by: f["amina"]) }
        #expect(try f.auditEntries().contains { $0.action == "case.access-revoked" && $0.caseReference == other.rawValue })
    }

    @Test("a handler the reporter excluded files the report by phone but does not hold it")
    func excludedFiler() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let filed = try f.casework.file(CasesFixture.intake(exclude: ["amina"]), channel: .hotline, by: f["amina"])
        #expect(throws: CasesError.self) { try f.casework.show(filed.reference, as: f["amina"]) }
        #expect(try f.casework.show(filed.reference, as: f["bruno"]).keyHolders.contains("amina") == false)
    }

    @Test("an excluded person who puts their old copy of the key back is still refused: the case was re-keyed, so their key opens nothing")
    func resealedExcluded() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let reference = try f.intake.file(CasesFixture.intake()).reference
        let seal = try #require(try f.raw.value("SELECT sealed FROM case_seals WHERE case_ref = ? AND recipient = 'bruno'", .text(reference.rawValue)))
        try f.casework.exclude(reference, principal: "bruno", by: f["amina"])
        try f.raw.execute("INSERT INTO case_seals (case_ref, recipient, sealed, assigned) VALUES (?, 'bruno', ?, false)", .text(reference.rawValue), seal)
        #expect(throws: CasesError.damaged("the key history of \(reference)")) { try f.casework.show(reference, as: f["bruno"]) }
    }

    @Test("a wrong passphrase opens nothing and is logged; only an administrator adds people")
    func passphrasesAndPeople() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let before = try f.denials()
        #expect(throws: CasesError.wrongPassphrase) { try f.administration.unlock(id: "amina", passphrase: Passphrase(utf8: "not the passphrase at all")) }
        #expect(try f.denials() == before + 1)
        #expect(throws: CasesError.self) { try f.administration.unlock(id: "nobody", passphrase: Passphrase(utf8: "whatever passphrase")) }
        #expect(throws: CasesError(.administratorsOnly(.addPeople))) {
            try f.administration.addPrincipal(id: "eve", name: "Eve", roles: [.handler], by: f["amina"])
        }
        #expect(throws: CasesError.invalid(.roles, .administratorReadsCases([.handler]))) {
            try f.administration.addPrincipal(id: "mallory", name: "Mallory", roles: [.admin, .handler], by: f["admin"])
        }
        #expect(throws: CasesError.self) {
            try f.administration.addPrincipal(id: "Bad Id", name: "X", roles: [.handler], by: f["admin"])
        }
    }
}
