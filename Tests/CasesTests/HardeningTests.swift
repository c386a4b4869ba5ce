import AuditLog
import Cases
import CasesTesting
import Foundation
import Testing

@Suite("The smaller holes a review found: probes, combined roles, free text in clear columns")
struct HardeningTests {
    @Test("a probe for a reference that does not exist is refused and logged, with the reference tried")
    func probes() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let guess = try CaseReference(parsing: "GRV-AAAAAAAA")
        let before = try f.denials()
        #expect(throws: CasesError(.noSuchCase(guess))) { try f.casework.show(guess, as: f["amina"]) }
        #expect(try f.denials() == before + 1)
        let logged = try #require(try f.auditEntries().last { $0.action == "access.denied" })
        #expect(logged.actor == "amina")
        #expect(logged.details.contains(AuditDetail("reason", "no-such-case GRV-AAAAAAAA")))
    }

    @Test("nobody is both investigator and appeals panel, nor administrator and a reader of cases")
    func combinedRoles() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        #expect(throws: CasesError.invalid(.roles, .investigatorOnPanel)) {
            try f.administration.addPrincipal(id: "iris", name: "Iris", roles: [.investigator, .appeals], by: f["admin"])
        }
        #expect(throws: CasesError.invalid(.roles, .investigatorOnPanel)) {
            try f.administration.setRoles(of: "ivan", to: [.investigator, .appeals], by: f["admin"])
        }
        #expect(throws: CasesError.invalid(.roles, .administratorReadsCases([.safeguardingLead]))) {
            try f.administration.setRoles(of: "sofia", to: [.safeguardingLead, .admin], by: f["admin"])
        }
    }

    @Test("gender and language are fixed lists; the clear columns never hold a reporter's words")
    func fixedLists() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        var intake = CasesFixture.intake(marker: "lists")
        intake.language = "pt-BR"
        #expect(throws: CasesError.invalid(.language, .notOneOf(IntakeLimits.languages))) { try f.intake.file(intake) }
        intake.language = "ru"
        intake.reporterGender = .nonBinary
        let filed = try f.intake.file(intake)
        let summary = try f.casework.show(filed.reference, as: f["amina"]).summary
        #expect(summary.reporterGender == "non-binary")
        #expect(summary.language == "ru")
    }
}
