import Cases
import Foundation
import GrievanceCrypto
import Testing

@Suite("The procedure file")
struct ProcedureLoaderTests {
    @Test("the shipped procedure loads, with the design's stages, categories and deadlines")
    func defaultProcedure() throws {
        let procedure = PolicyFixtures.defaultProcedure
        #expect(procedure.stages.map(\.id) == ["received", "acknowledged", "assessment", "informal-resolution",
                                               "investigation", "decision", "appeal", "closed"])
        #expect(procedure.categories.map(\.id) == ["harassment", "sexual-harassment", "discrimination", "bullying", "violence",
                                                   "threats", "safeguarding-child", "safeguarding-adult", "conduct-breach",
                                                   "misuse-of-funds", "other"])
        #expect(procedure.initialStage.id == "received")
        #expect(procedure.stage("received")?.due == PolicyDuration(value: 7, unit: .days))
        #expect(procedure.category("safeguarding-child")?.routeTo == [.safeguardingLead])
        #expect(procedure.category("safeguarding-child")?.due["received"] == PolicyDuration(value: 24, unit: .hours))
        #expect(procedure.feedback?.within == PolicyDuration(value: 3, unit: .months))
        #expect(procedure.suppressionThreshold == 5)
        #expect(procedure.hash == SHA256.hash([UInt8](try Data(contentsOf: PolicyFixtures.defaultPolicyURL))))
    }

    /// A change to the shipped text, and where and how it must be refused.
    struct Breakage: CustomTestStringConvertible, Sendable {
        let name: String
        let replace: String
        let with: String
        let lineOf: String
        let problem: String
        var occurrence = 1
        var testDescription: String { name }
    }

    static let breakages: [Breakage] = [
        Breakage(name: "a misspelt top-level key", replace: "transitions:\n", with: "transitons:\n", lineOf: "transitons:", problem: "unknown key 'transitons'"),
        Breakage(name: "a transition to an unknown stage", replace: "{ from: investigation, to: decision,", with: "{ from: investigation, to: descision,",
                 lineOf: "to: descision", problem: "names unknown stage 'descision'"),
        Breakage(name: "a transition nobody may take", replace: "{ from: appeal, to: closed, roles: [appeals] }", with: "{ from: appeal, to: closed, roles: [] }",
                 lineOf: "from: appeal, to: closed", problem: "nobody may take the transition appeal → closed"),
        Breakage(name: "a transition for a role that never sees content", replace: "roles: [appeals] }", with: "roles: [executive] }",
                 lineOf: "roles: [executive]", problem: "role 'executive' can never take the transition appeal → closed: 'executive' never sees case content"),
        Breakage(name: "an unknown role", replace: "roles: [appeals] }", with: "roles: [appeal-panel] }", lineOf: "roles: [appeal-panel]", problem: "unknown role 'appeal-panel'"),
        Breakage(name: "an unreachable stage", replace: "  - { from: decision, to: appeal, roles: [handler, safeguarding-lead], within: 30 days }\n", with: "",
                 lineOf: "- id: appeal", problem: "stage 'appeal' cannot be reached"),
        Breakage(name: "a stage with no way out", replace: "  - { from: appeal, to: closed, roles: [appeals] }\n", with: "",
                 lineOf: "- id: appeal", problem: "no transition leaves it"),
        Breakage(name: "a category routed to no role", replace: "{ id: other, title: Other, route-to: [handler] }", with: "{ id: other, title: Other, route-to: [] }",
                 lineOf: "id: other, title: Other", problem: "category 'other' is routed to no role"),
        Breakage(name: "a category routed to the auditor", replace: "{ id: other, title: Other, route-to: [handler] }", with: "{ id: other, title: Other, route-to: [auditor] }",
                 lineOf: "id: other, title: Other", problem: "category 'other' is routed to 'auditor', who cannot receive it: 'auditor' never sees case content"),
        Breakage(name: "a category routed only to investigators, who read only what is assigned to them",
                 replace: "{ id: other, title: Other, route-to: [handler] }", with: "{ id: other, title: Other, route-to: [investigator] }",
                 lineOf: "id: other, title: Other", problem: "category 'other' is routed to 'investigator', who cannot receive it"),
        Breakage(name: "a category routed to the appeals panel before any appeal", replace: "{ id: bullying, title: Bullying, route-to: [handler] }",
                 with: "{ id: bullying, title: Bullying, route-to: [handler, appeals] }", lineOf: "id: bullying",
                 problem: "routed to 'appeals', who cannot receive it"),
        Breakage(name: "no stage for the appeals panel", replace: "    appeals-panel: true      # the panel receives the case here, and works it only here\n",
                 with: "", lineOf: "- id: received", problem: "no stage has 'appeals-panel: true'"),
        Breakage(name: "two stages for the appeals panel", replace: "    title: Decision\n", with: "    title: Decision\n    appeals-panel: true\n",
                 lineOf: "appeals-panel: true      # the panel", problem: "stage 'decision' is already the appeals panel's"),
        Breakage(name: "a terminal stage for the appeals panel", replace: "    terminal: true\n", with: "    terminal: true\n    appeals-panel: true\n",
                 lineOf: "appeals-panel: true", problem: "the appeals panel cannot work a terminal stage", occurrence: 3),
        Breakage(name: "the panel given a move outside its stage", replace: "{ from: decision, to: closed, roles: [handler, safeguarding-lead] }",
                 with: "{ from: decision, to: closed, roles: [appeals] }", lineOf: "from: decision, to: closed",
                 problem: "role 'appeals' can never take the transition decision → closed: the appeals panel works a case only in its stage 'appeal'"),
        Breakage(name: "a duration that is not one", replace: "due: 7 days ", with: "due: 7 dayz ", lineOf: "due: 7 dayz", problem: "'7 dayz' is not a duration"),
        Breakage(name: "a stage declared twice", replace: "  - id: acknowledged\n", with: "  - id: received\n", lineOf: "- id: received", problem: "stage 'received' is declared twice", occurrence: 2),
        Breakage(name: "a misspelt key in a transition", replace: "{ from: appeal, to: closed, roles: [appeals] }", with: "{ from: appeal, to: closed, role: [appeals] }",
                 lineOf: "from: appeal, to: closed", problem: "unknown key 'role' in a transition"),
        Breakage(name: "broken YAML", replace: "name: Grievance procedure (default)", with: "name: [unclosed", lineOf: "version: 1", problem: "not valid YAML"),
        Breakage(name: "a deadline override for an unknown stage", replace: "      received: 24 hours     # initial risk assessment", with: "      recieved: 24 hours",
                 lineOf: "recieved: 24 hours", problem: "names unknown stage 'recieved'"),
    ]

    @Test("a broken procedure is refused with the file, the line and the problem", arguments: breakages)
    func refused(_ breakage: Breakage) throws {
        #expect(PolicyFixtures.defaultText.contains(breakage.replace), "the fixture no longer contains what \(breakage.name) changes")
        let text = PolicyFixtures.defaultText.replacingOccurrences(of: breakage.replace, with: breakage.with)
        do {
            _ = try ProcedureLoader.load(data: Data(text.utf8), file: "grievance-procedure.yaml")
            Issue.record("\(breakage.name) was accepted")
        } catch {
            #expect(error.file == "grievance-procedure.yaml")
            #expect(error.problem.contains(breakage.problem), "\(error)")
            if breakage.name != "broken YAML" {
                #expect(error.line == PolicyFixtures.line(of: breakage.lineOf, in: text, occurrence: breakage.occurrence), "\(error)")
            } else {
                #expect(error.line >= 1 && error.line <= 25, "\(error)")
            }
            #expect(error.description.hasPrefix("grievance-procedure.yaml:\(error.line):"))
        }
    }

    @Test("a version 1 file, written before stages were marked, keeps its meaning: the panel works the stage called appeal")
    func versionOne() throws {
        let unmarked = PolicyFixtures.defaultText.replacingOccurrences(of: "version: 2\n", with: "version: 1\n")
            .replacingOccurrences(of: "    appeals-panel: true      # the panel receives the case here, and works it only here\n", with: "")
        #expect(!unmarked.contains("appeals-panel: true\n"))
        let procedure = try ProcedureLoader.load(data: Data(unmarked.utf8), file: "procedure.yaml")
        #expect(procedure.panelStage.id == "appeal")
        #expect(procedure.stages.filter(\.isAppealsPanel).map(\.id) == ["appeal"])
        // Version 2 asks for the mark.
        let v2 = unmarked.replacingOccurrences(of: "version: 1\n", with: "version: 2\n")
        #expect(throws: PolicyError.self) { try ProcedureLoader.load(data: Data(v2.utf8), file: "procedure.yaml") }
        // The panel marked on the first stage would never be given a case: nothing moves a case there.
        let first = PolicyFixtures.defaultText
            .replacingOccurrences(of: "    appeals-panel: true      # the panel receives the case here, and works it only here\n", with: "")
            .replacingOccurrences(of: "    due: 7 days              # acknowledge the report\n", with: "    due: 7 days\n    appeals-panel: true\n")
        #expect { try ProcedureLoader.load(data: Data(first.utf8), file: "procedure.yaml") } throws: {
            ($0 as? PolicyError)?.problem.hasPrefix("the appeals panel cannot work the first stage") == true
                && ($0 as? PolicyError)?.line == PolicyFixtures.line(of: "- id: received", in: first)
        }
        let v3 = PolicyFixtures.defaultText.replacingOccurrences(of: "version: 2\n", with: "version: 3\n")
        #expect { try ProcedureLoader.load(data: Data(v3.utf8), file: "procedure.yaml") } throws: {
            ($0 as? PolicyError)?.problem == "this system reads versions 1 and 2 of the procedure format"
        }
    }

    @Test("durations read as people write them, and months follow the calendar")
    func durations() {
        #expect(PolicyDuration(parsing: "1 day") == PolicyDuration(value: 1, unit: .days))
        #expect(PolicyDuration(parsing: "24 hours") == PolicyDuration(value: 24, unit: .hours))
        for bad in ["", "7", "days", "0 days", "-1 days", "7 fortnights", "7  days extra", "1e3 days"] {
            #expect(PolicyDuration(parsing: bad) == nil, "\(bad)")
        }
        let january31 = ISO8601DateFormatter().date(from: "2027-01-31T10:00:00Z")!
        #expect(PolicyDuration(value: 1, unit: .months).after(january31) == ISO8601DateFormatter().date(from: "2027-02-28T10:00:00Z")!)
        #expect(PolicyDuration(value: 3, unit: .months).after(january31) == ISO8601DateFormatter().date(from: "2027-04-30T10:00:00Z")!)
        #expect(PolicyDuration(value: 7, unit: .days).description == "7 days")
        #expect(PolicyDuration(value: 1, unit: .hours).description == "1 hour")
    }
}
