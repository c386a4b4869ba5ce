@testable import Cases
import CasesTesting
import Foundation
import Testing

@Suite("A new procedure, put in force safely")
struct ProcedureInstallTests {
    @Test("deadlines that move are shown; a procedure that would strand an open case is refused and nothing changes; the log records both hashes")
    func install() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let acknowledged = try f.intake.file(CasesFixture.intake())
        _ = try f.casework.advance(acknowledged.reference, to: "acknowledged", reason: "called back", by: f["amina"])
        let informal = try f.intake.file(CasesFixture.intake())
        for stage in ["acknowledged", "assessment", "informal-resolution"] {
            _ = try f.casework.advance(informal.reference, to: stage, reason: "on", by: f["amina"])
        }
        let original = try Data(contentsOf: f.dataDirectory.appendingPathComponent("procedure.yaml"))
        let admin = f["admin"]

        // Acknowledged cases get 21 days instead of 14: one deadline moves, by hand 7 days later.
        let longer = PolicyFixtures.defaultText.replacingOccurrences(of: "    due: 14 days             # begin the assessment",
                                                                     with: "    due: 21 days             # begin the assessment")
        #expect(longer != PolicyFixtures.defaultText)
        let preview = try f.installation.previewProcedure(Data(longer.utf8), file: "new.yaml")
        #expect(preview.openCases == 2 && preview.stranded.isEmpty && !preview.installed)
        #expect(preview.deadlinesMoved.map(\.reference) == [acknowledged.reference])
        let moved = try #require(preview.deadlinesMoved.first)
        #expect(try #require(moved.to).timeIntervalSince(try #require(moved.from)) == 7 * 86_400)

        // Without informal resolution, the case in it would be stranded: refused, nothing written.
        let without = Self.removingInformalResolution(PolicyFixtures.defaultText)
        _ = try ProcedureLoader.load(data: Data(without.utf8), file: "without.yaml")
        let refused = try f.installation.previewProcedure(Data(without.utf8), file: "without.yaml")
        #expect(refused.stranded.map(\.reference) == [informal.reference] && refused.stagesRemoved == ["informal-resolution"])
        #expect(throws: CasesError(.procedureStrands(1))) { try f.installation.installProcedure(Data(without.utf8), file: "without.yaml", by: admin) }
        #expect(try Data(contentsOf: f.dataDirectory.appendingPathComponent("procedure.yaml")) == original)
        // Nor one that keeps the stage but makes it terminal: it would close the case without
        // anyone deciding, and start its retention.
        let closing = PolicyFixtures.defaultText
            .replacingOccurrences(of: "  - id: informal-resolution\n    title: Informal resolution\n    due: 60 days\n",
                                  with: "  - id: informal-resolution\n    title: Informal resolution\n    terminal: true\n")
            .components(separatedBy: "\n").filter { !$0.contains("{ from: informal-resolution") }.joined(separator: "\n")
        _ = try ProcedureLoader.load(data: Data(closing.utf8), file: "closing.yaml")
        let closes = try f.installation.previewProcedure(Data(closing.utf8), file: "closing.yaml")
        #expect(closes.stranded.map(\.reference) == [informal.reference] && closes.stagesRemoved.isEmpty)
        #expect(throws: CasesError(.procedureStrands(1))) { try f.installation.installProcedure(Data(closing.utf8), file: "closing.yaml", by: admin) }
        // Nor by a handler, nor a file that does not validate.
        #expect(throws: CasesError(.administratorsOnly(.installProcedure))) { try f.installation.installProcedure(Data(longer.utf8), file: "n.yaml", by: f["amina"]) }
        #expect(throws: PolicyError.self) { try f.installation.installProcedure(Data("version: 2\n".utf8), file: "bad.yaml", by: admin) }

        let installed = try f.installation.installProcedure(Data(longer.utf8), file: "new.yaml", by: admin)
        #expect(installed.installed)
        #expect(try Data(contentsOf: f.dataDirectory.appendingPathComponent("procedure.yaml")) == Data(longer.utf8))
        let entry = try #require(try f.auditEntries().last)
        #expect(entry.action == "policy.installed" && entry.actor == "admin")
        #expect(entry.details.contains { $0.key == "from" && $0.value == PolicyFixtures.defaultProcedure.sha256 })
        // Opened again, the new procedure is in force and logged once.
        let reopened = try DataDirectory(path: f.dataDirectory.path).open(clock: { f.clock.now })
        #expect(reopened.procedure.stageDuration(stage: "acknowledged", category: "harassment") == PolicyDuration(value: 21, unit: .days))
        #expect(try f.auditEntries().last?.action == "policy.installed", "no second entry for the same hash")
        #expect(try f.installation.installProcedure(Data(longer.utf8), file: "new.yaml", by: admin).isUnchanged)
    }

    /// The shipped procedure without the informal-resolution stage and its transitions.
    static func removingInformalResolution(_ text: String) -> String {
        text.replacingOccurrences(of: "  - id: informal-resolution\n    title: Informal resolution\n    due: 60 days\n", with: "")
            .components(separatedBy: "\n").filter { !$0.contains("informal-resolution") }.joined(separator: "\n")
    }
}
