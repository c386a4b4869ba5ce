import Foundation
import GrievanceCrypto

/// What handlers, investigators, the safeguarding lead and the appeals panel do with cases:
/// list, open, file on a reporter's behalf, assign, move on, annotate, message the reporter,
/// exclude, export, open attachments. Every step asks the access rule and is logged in the same
/// transaction; every refusal is logged too.
public struct Casework: Sendable {
    let ledger: Ledger
    let filing: CaseFiling

    init(ledger: Ledger, pepper: SecureBytes) {
        self.ledger = ledger
        filing = CaseFiling(ledger: ledger, pepper: pepper)
    }

    public var procedure: Procedure { ledger.procedure }

    /// Files a hotline, in-person or e-mail report on the reporter's behalf. The filer holds the
    /// case too, unless the reporter asked that they be kept away.
    public func file(_ intake: Intake, channel: IntakeChannel, by actor: UnlockedPrincipal, attachments: [SealedAttachment] = []) throws -> FiledCase {
        try filing.file(intake, channel: channel, filer: actor.principal, attachments: attachments)
    }
}
