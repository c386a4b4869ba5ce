import AuditLog
import Foundation
import GrievanceCrypto

/// People, events, keys, the log key and the procedure: what administrators do, and what each
/// person does with their own keys (unlock, rotate). Nothing here opens a case for anyone: a
/// case's key is only ever re-sealed to its holder's new key, from the copy they opened or from
/// the recovery key.
public struct Administration: Sendable {
    let ledger: Ledger
    let recoveryPublicKey: BoxPublicKey
    /// The Argon2id cost of wrapping new keys.
    let keyParameters: Argon2idParameters

    init(ledger: Ledger, recoveryPublicKey: BoxPublicKey, keyParameters: Argon2idParameters) {
        self.ledger = ledger
        self.recoveryPublicKey = recoveryPublicKey
        self.keyParameters = keyParameters
    }

    public var procedure: Procedure { ledger.procedure }

    /// Everyone with an account, by id.
    public func principals() throws -> [Principal] {
        try ledger.storage.read { try $0.principals().map(\.principal) }
    }

    /// Refuses, and logs, anyone but an active administrator whose certificate verifies: a row
    /// someone wrote into the database administers nothing.
    func requireAdministrator(_ actor: UnlockedPrincipal, for action: AdministrativeAction, repository: any CaseRepository) throws {
        let people = Certification.byID(try repository.principals())
        guard let stored = people[actor.id] else { throw CasesError(.noSuchPerson(actor.id)) }
        let current = stored.principal
        guard current.roles.contains(.admin), !current.isDisabled else {
            throw AccessDenial(CasesError(.administratorsOnly(action)), actor: actor.id, attempted: action.rawValue, reference: nil,
                               reason: current.isDisabled ? "disabled" : "role")
        }
        if case .untrusted(let why) = ledger.certification.verdict(of: stored, among: people) {
            throw AccessDenial(CasesError.invalid(.person, .untrusted("you (\(actor.id)) \(why)")), actor: actor.id, attempted: action.rawValue,
                               reference: nil, reason: "untrusted")
        }
    }
}
