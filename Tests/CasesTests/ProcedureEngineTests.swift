import Cases
import Foundation
import Testing

@Suite("The procedure engine")
struct ProcedureEngineTests {
    static let procedure = PolicyFixtures.defaultProcedure
    static let entered = ISO8601DateFormatter().date(from: "2027-03-01T09:00:00Z")!

    @Test("every stage pair × every role: allowed exactly where the policy says")
    func matrix() {
        var allowedCount = 0
        for from in Self.procedure.stages {
            for to in Self.procedure.stages {
                for role in Role.allCases {
                    let decision = Self.procedure.decide(from: from.id, to: to.id, roles: [role], isPerson: true, enteredAt: Self.entered, now: Self.entered)
                    let declared = Self.procedure.transitions.first { $0.from == from.id && $0.to == to.id }
                    let expected = declared.map { $0.roles.contains(role) } ?? false
                    switch decision {
                    case .success: allowedCount += 1
                        #expect(expected, "\(role) may not take \(from.id) → \(to.id)")
                    case .failure(let refusal):
                        #expect(!expected, "\(role) was refused \(from.id) → \(to.id): \(refusal)")
                        #expect(!refusal.description.isEmpty)
                    }
                }
            }
        }
        #expect(allowedCount == Self.procedure.transitions.reduce(0) { $0 + $1.roles.count })
        #expect(allowedCount > 0)
    }

    @Test("roles that never see content can take no transition at all")
    func nonContentRoles() {
        for transition in Self.procedure.transitions {
            for role in [Role.admin, .executive, .auditor] {
                let decision = Self.procedure.decide(from: transition.from, to: transition.to, roles: [role], isPerson: true, enteredAt: Self.entered, now: Self.entered)
                #expect(throws: StageChangeRefusal.self) { try decision.get() }
            }
        }
    }

    @Test("the system itself never moves a case, whatever role it is given")
    func onlyPeople() {
        let decision = Self.procedure.decide(from: "received", to: "acknowledged", roles: Set(Role.allCases), isPerson: false, enteredAt: Self.entered, now: Self.entered)
        #expect(throws: StageChangeRefusal.self) { try decision.get() }
    }

    @Test("an appeal is allowed within its window and refused after it; nothing leaves closed")
    func windowsAndTerminal() throws {
        let inside = Self.entered.addingTimeInterval(29 * 86_400)
        let outside = Self.entered.addingTimeInterval(31 * 86_400)
        _ = try Self.procedure.decide(from: "decision", to: "appeal", roles: [.handler], isPerson: true, enteredAt: Self.entered, now: inside).get()
        #expect(throws: StageChangeRefusal.self) {
            try Self.procedure.decide(from: "decision", to: "appeal", roles: [.handler], isPerson: true, enteredAt: Self.entered, now: outside).get()
        }
        let closed = Self.procedure.decide(from: "closed", to: "received", roles: [.handler], isPerson: true, enteredAt: Self.entered, now: Self.entered)
        #expect((try? closed.get()) == nil)
        let unknown = Self.procedure.decide(from: "received", to: "limbo", roles: [.handler], isPerson: true, enteredAt: Self.entered, now: Self.entered)
        #expect((try? unknown.get()) == nil)
    }

    @Test("deadlines follow the policy: 7 days to acknowledge, 24 hours for safeguarding, feedback in 3 months")
    func deadlines() {
        let day: TimeInterval = 86_400
        #expect(Self.procedure.stageDeadline(stage: "received", category: "harassment", enteredAt: Self.entered) == Self.entered.addingTimeInterval(7 * day))
        #expect(Self.procedure.stageDeadline(stage: "received", category: "safeguarding-child", enteredAt: Self.entered) == Self.entered.addingTimeInterval(day / 1))
        #expect(Self.procedure.stageDeadline(stage: "closed", category: "harassment", enteredAt: Self.entered) == nil)
        let acknowledged = Self.entered.addingTimeInterval(2 * day)
        let assessment = acknowledged.addingTimeInterval(3 * day)
        func history(_ steps: (String, Date)...) -> [StageEntry] { steps.map { StageEntry(stage: $0.0, enteredAt: $0.1) } }
        let path = history(("received", Self.entered), ("acknowledged", acknowledged), ("assessment", assessment))
        let items = Self.procedure.dueItems(category: "harassment", history: path, now: acknowledged.addingTimeInterval(80 * day))
        #expect(items.map(\.kind) == [.stage("assessment"), .feedback])
        #expect(items[0].due == assessment.addingTimeInterval(30 * day))
        #expect(items[1].due == PolicyDuration(value: 3, unit: .months).after(acknowledged))
        #expect(items.map(\.isOverdue) == [true, false])
        #expect(Self.procedure.dueItems(category: "harassment", history: path, now: acknowledged.addingTimeInterval(95 * day))[1].isOverdue)
        let decided = Self.procedure.dueItems(category: "harassment", history: history(("received", Self.entered), ("acknowledged", acknowledged), ("decision", assessment)),
                                              now: assessment)
        #expect(!decided.contains { $0.kind == .feedback })
        #expect(Self.procedure.dueItems(category: "harassment", history: history(("received", Self.entered), ("closed", acknowledged)), now: acknowledged).isEmpty)
    }
}
