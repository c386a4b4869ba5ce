import AuditLog
import Foundation
import GrievanceCrypto

/// What the intake desk, casework and administration share: the storage, the procedure and the
/// clock, and the one way to change anything — a transaction that writes its audit entry with
/// it, and that logs a refusal even though the refused change rolls back. It holds no key.
struct Ledger: Sendable {
    static let recoveryRecipient = "@recovery"
    static let reporterRecipient = "@reporter"

    /// Who a person's case keys are kept for until they enrol: sealed to their code's one-time box key.
    static func enrolmentRecipient(_ id: String) -> String { "@enrol:\(id)" }

    /// The id an enrolment recipient keeps keys for; nil for any other recipient.
    static func enrollingID(of recipient: String) -> String? {
        recipient.hasPrefix("@enrol:") ? String(recipient.dropFirst("@enrol:".count)) : nil
    }

    let storage: any CaseStorage
    let procedure: Procedure
    let clock: @Sendable () -> Date
    /// Whose keys may be sealed to: certificates checked against the organisation key.
    let certification: Certification
    /// The recovery key's public half, which every case key is sealed to (re-keying too).
    let recoveryPublicKey: BoxPublicKey

    /// Runs `body` in one write transaction. A denial rolls the transaction back, is then
    /// logged in a transaction of its own, and is thrown as its `CasesError`.
    func transaction<T>(_ body: (any CaseRepository) throws -> T) throws -> T {
        do {
            return try storage.write(body)
        } catch let denial as AccessDenial {
            try storage.write { repository in _ = try repository.audit(denial.entry) }
            throw denial.error
        }
    }

    /// Logs a denial found before any transaction began, and throws its error.
    func refuse(_ denial: AccessDenial) throws -> Never {
        try storage.write { repository in _ = try repository.audit(denial.entry) }
        throw denial.error
    }

    /// An entry by `actor`, now.
    func entry(_ actor: String, _ action: String, _ reference: CaseReference? = nil, _ details: [AuditDetail] = []) -> AuditEntryDraft {
        AuditEntryDraft(actor: actor, action: action, caseReference: reference?.rawValue, details: details, time: clock())
    }
}
