import Cases
import Foundation
import GrievanceCrypto
import Testing

/// Every role against every action, for a case of every category, the expected answer derived
/// from the policy's routing: each cell allowed or denied, and every denial logged.
@Suite("Who may do what")
struct AccessMatrixTests {
    enum Action: String, CaseIterable {
        case read, note, message, assign, exclude, advance
    }

    /// The design's rules: who may take an action on a case whose key they hold.
    static func mayAct(_ role: Role, _ action: Action, assigned: Bool) -> Bool {
        switch action {
        case .read, .note: role == .handler || role == .safeguardingLead || (role == .investigator && assigned)
        case .message, .assign, .exclude: role == .handler || role == .safeguardingLead
        case .advance: role == .handler || role == .safeguardingLead  // received → acknowledged, per the policy
        }
    }

    static func perform(_ action: Action, on reference: String, by actor: UnlockedPrincipal, service: CaseService) throws {
        switch action {
        case .read: _ = try service.show(reference, as: actor)
        case .note: try service.addNote(reference, text: "note", by: actor)
        case .message: try service.messageReporter(reference, text: "message", by: actor)
        case .assign: try service.assign(reference, to: "ivan", by: actor)
        case .exclude: try service.exclude(reference, principal: actor.id == "bruno" ? "amina" : "bruno", by: actor)
        case .advance: try service.advance(reference, to: "acknowledged", reason: "received", by: actor)
        }
    }

    @Test("every category × every role × every action")
    func matrix() throws {
        let f = try CaseFixture()
        defer { f.remove() }
        let procedure = f.service.procedure
        var allowed = 0
        var denied = 0
        for category in procedure.categories {
            for (id, roles) in CaseFixture.roster {
                let role = roles.first!
                for action in Action.allCases {
                    let reference = try f.service.file(CaseFixture.intake(category.id)).reference
                    let holdsKey = category.routeTo.contains(role)
                    let expected = holdsKey && Self.mayAct(role, action, assigned: false)
                    let logSize = try f.auditSize()
                    do {
                        try Self.perform(action, on: reference, by: f[id], service: f.service)
                        #expect(expected, "\(id) (\(role.rawValue)) was allowed to \(action.rawValue) a \(category.id) case")
                        allowed += 1
                    } catch let error as CasesError {
                        #expect(!expected, "\(id) (\(role.rawValue)) was refused \(action.rawValue) on a \(category.id) case: \(error)")
                        let logged = try f.auditEntries(since: logSize).filter { $0.action == "access.denied" && $0.actor == id }
                        #expect(logged.count == 1, "the refusal of \(action.rawValue) to \(id) was not logged")
                        denied += 1
                    }
                }
            }
        }
        #expect(allowed > 0 && denied > allowed)
    }

    @Test("an investigator works only what is assigned, and only as an investigator may")
    func investigator() throws {
        let f = try CaseFixture()
        defer { f.remove() }
        let reference = try f.service.file(CaseFixture.intake()).reference
        #expect(throws: CasesError.self) { try f.service.show(reference, as: f["ivan"]) }
        try f.service.assign(reference, to: "ivan", by: f["amina"])
        for action in Action.allCases where action != .advance {
            let expected = Self.mayAct(.investigator, action, assigned: true)
            let outcome = Result { try Self.perform(action, on: reference, by: f["ivan"], service: f.service) }
            #expect((try? outcome.get()) != nil ? expected : !expected, "\(action.rawValue)")
        }
        #expect(try f.service.list(for: f["ivan"]).map(\.summary.reference) == [reference])
    }

    @Test("administrators, executives and auditors can never be given a case")
    func nonContentRolesCannotBeAssigned() throws {
        let f = try CaseFixture()
        defer { f.remove() }
        let reference = try f.service.file(CaseFixture.intake()).reference
        for id in ["admin", "exec", "audi"] {
            #expect(throws: CasesError.self) { try f.service.assign(reference, to: id, by: f["amina"]) }
            #expect(try f.service.list(for: f[id]).isEmpty)
        }
    }

    @Test("a person the reporter excluded is never sealed the case, cannot be assigned it, and loses it when excluded later")
    func conflictOfInterest() throws {
        let f = try CaseFixture()
        defer { f.remove() }
        let reference = try f.service.file(CaseFixture.intake(exclude: ["bruno"])).reference
        #expect(throws: CasesError.self) { try f.service.show(reference, as: f["bruno"]) }
        #expect(try f.service.list(for: f["bruno"]).isEmpty)
        let before = try f.denials()
        #expect(throws: CasesError.self) { try f.service.assign(reference, to: "bruno", by: f["amina"]) }
        #expect(try f.denials() == before + 1)
        let other = try f.service.file(CaseFixture.intake()).reference
        _ = try f.service.show(other, as: f["bruno"])
        try f.service.exclude(other, principal: "bruno", by: f["amina"])
        #expect(throws: CasesError.self) { try f.service.show(other, as: f["bruno"]) }
        #expect(throws: CasesError.self) { try f.service.assign(other, to: "bruno", by: f["amina"]) }
        #expect(try f.auditEntries().contains { $0.action == "case.access-revoked" && $0.caseReference == other })
    }

    @Test("a wrong passphrase opens nothing and is logged; only an administrator adds people")
    func passphrasesAndPeople() throws {
        let f = try CaseFixture()
        defer { f.remove() }
        let before = try f.denials()
        #expect(throws: CasesError.wrongPassphrase) { try f.service.unlock(id: "amina", passphrase: SecureBytes(utf8: "not the passphrase at all")) }
        #expect(try f.denials() == before + 1)
        #expect(throws: CasesError.self) { try f.service.unlock(id: "nobody", passphrase: SecureBytes(utf8: "whatever passphrase")) }
        #expect(throws: CasesError.self) {
            try f.service.addPrincipal(id: "eve", name: "Eve", roles: [.handler], passphrase: SecureBytes(utf8: "eve's long passphrase"), by: f["amina"])
        }
        #expect(throws: CasesError.self) {
            try f.service.addPrincipal(id: "mallory", name: "Mallory", roles: [.admin], passphrase: SecureBytes(utf8: "mallory's passphrase"), by: nil)
        }
        #expect(throws: CasesError.self) {
            try f.service.addPrincipal(id: "Bad Id", name: "X", roles: [.handler], passphrase: SecureBytes(utf8: "long enough passphrase"), by: f["admin"])
        }
    }
}
