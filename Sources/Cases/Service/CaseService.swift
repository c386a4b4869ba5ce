import AuditLog
import Foundation
import GrievanceCrypto

/// Every rule of the system: who may file, read, assign, move and annotate a case, enforced
/// here for every operation and every actor, each change and each read of content logged in
/// the same transaction. The server and the command-line tool only call this.
public struct CaseService: Sendable {
    public static let recoveryRecipient = "@recovery"
    public static let reporterRecipient = "@reporter"

    let storage: any CaseStorage
    public let procedure: Procedure
    let pepper: SecureBytes
    let recoveryPublicKey: BoxPublicKey
    let keyParameters: Argon2idParameters
    let clock: @Sendable () -> Date
    /// A seal nobody can open, opened in place of a real one when a receipt matches no case,
    /// so that a wrong receipt costs what a right one does.
    let decoySeal: (seal: [UInt8], keyPair: BoxKeyPair)
    let routing = RoutingCache()
    /// Filings from concurrent reporters commit together, one fsync for all.
    let filings = GroupCommitter<FiledCase?>()

    /// `pepper` keys the receipt lookup; `keyParameters` is the Argon2id cost for new
    /// principals' keys; `clock` is the time source (tests pass a fixed one).
    public init(
        storage: any CaseStorage, procedure: Procedure, pepper: SecureBytes, recoveryPublicKey: BoxPublicKey,
        keyParameters: Argon2idParameters = .moderate, clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.storage = storage
        self.procedure = procedure
        self.pepper = pepper
        self.recoveryPublicKey = recoveryPublicKey
        self.keyParameters = keyParameters
        self.clock = clock
        let decoy = BoxKeyPair.generate()
        self.decoySeal = (CaseKeyEnvelope.seal(.generate(), caseReference: "GRV-00000000", to: BoxKeyPair.generate().publicKey), decoy)
    }

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

    static func denial(_ error: CasesError, actor: String, action: String, reference: String?, reason: String) -> AccessDenial {
        AccessDenial(error: error, entry: AuditEntryDraft(
            actor: actor, action: "access.denied", caseReference: reference,
            details: [AuditDetail("attempted", action), AuditDetail("reason", reason)]))
    }
}
