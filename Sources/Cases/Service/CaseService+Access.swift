import AuditLog
import Foundation
import GrievanceCrypto

extension CaseService {
    /// What a person may do with a case they hold the key of.
    enum CaseAction: String {
        case read = "case.read"
        case note = "case.note"
        case message = "case.message"
        case assign = "case.assign"
        case advance = "case.advance"
        case exclude = "case.exclude"

        /// Roles that may take the action at all (holding the key is required besides).
        var roles: Set<Role> {
            switch self {
            case .read, .note: [.handler, .safeguardingLead, .investigator, .appeals]
            case .advance: [.handler, .safeguardingLead, .investigator, .appeals]
            case .message, .assign, .exclude: [.handler, .safeguardingLead]
            }
        }
    }

    /// Checks that `actor` may take `action` on the case and opens its key. Every refusal is
    /// logged: not a key holder, a role that never reads content, an investigator not assigned,
    /// an appeals panel member before the appeal stage.
    func openCase(_ reference: String, as actor: UnlockedPrincipal, for action: CaseAction, repository: any CaseRepository) throws -> (CaseRow, SymmetricKey) {
        guard let row = try repository.caseRow(reference: reference) else { throw CasesError.noSuchCase(reference) }
        func deny(_ message: String, _ reason: String) -> AccessDenial {
            Self.denial(.notAllowed(message), actor: actor.id, action: action.rawValue, reference: reference, reason: reason)
        }
        let roles = actor.principal.roles
        guard !actor.principal.isDisabled else { throw deny("this account is disabled", "disabled") }
        guard !roles.isDisjoint(with: action.roles) else {
            throw deny("\(action.rawValue) is not for \(roles.sorted().map(\.rawValue).joined(separator: ", "))", "role")
        }
        guard let sealed = try repository.seal(reference: reference, recipient: actor.id) else {
            throw deny("\(reference) is neither routed nor assigned to you", "not-key-holder")
        }
        let assigned = try repository.sealRecipients(reference: reference).contains { $0.recipient == actor.id && $0.assigned }
        if roles.isDisjoint(with: [.handler, .safeguardingLead, .appeals]), !assigned {
            throw deny("investigators work only the cases assigned to them", "not-assigned")
        }
        if roles.isDisjoint(with: [.handler, .safeguardingLead, .investigator]), row.summary.stage != "appeal" {
            throw deny("the appeals panel works a case only in its appeal stage", "not-in-appeal")
        }
        do {
            return (row, try CaseKeyEnvelope.open(sealed, caseReference: reference, with: actor.boxKeyPair))
        } catch {
            throw CasesError.damaged("the key of \(reference) sealed to \(actor.id)")
        }
    }
}
