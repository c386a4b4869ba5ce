import AuditLog
import Foundation
import GrievanceCrypto

/// The intake server's only door into Cases: a reporter files, follows up and replies. It is
/// made from public keys alone — the recovery key's public half, each person's public keys as
/// storage holds them — so the server that holds it holds nothing that opens a case filed
/// before it was taken over; a reporter's own case opens only with the key their receipt
/// derives, for as long as the request lasts.
public struct IntakeDesk: Sendable {
    let ledger: Ledger
    let filing: CaseFiling
    /// A case key sealed to nobody's key: a receipt that matches no case is made to open it, so
    /// that a wrong receipt costs what a right one does.
    let decoySeal: [UInt8]
    let spool: AttachmentSpool
    /// Where config.json names the notification command.
    let directory: DataDirectory

    init(ledger: Ledger, pepper: SecureBytes, spool: AttachmentSpool, directory: DataDirectory) {
        self.ledger = ledger
        self.spool = spool
        self.directory = directory
        filing = CaseFiling(ledger: ledger, pepper: pepper)
        decoySeal = CaseKeyEnvelope.seal(.generate(), caseReference: Self.decoyReference.rawValue, to: BoxKeyPair.generate().publicKey)
    }

    static let decoyReference = CaseReference(stored: "GRV-00000000")

    public var procedure: Procedure { ledger.procedure }

    /// Files a report a reporter sent through the web page or the API. The attachments' spool
    /// files stay the caller's to discard, whatever happens here.
    public func file(_ intake: Intake, attachments: [SealedAttachment] = []) throws -> FiledCase {
        try filing.file(intake, channel: .web, filer: nil, attachments: attachments)
    }

    /// The notifier to announce new urgent and safeguarding cases through (`FiledCase.announcements`):
    /// nil when config.json names none; a refusal when no trusted administrator signed the one it
    /// names. It sends what it is given and reads nothing of a case.
    public func notifier() throws -> Notifier? { try directory.notifier(ledger: ledger) }

    /// A sealer for a file arriving with a report, spooling its ciphertext chunk by chunk.
    public func attachmentSealer(name: String, contentType: String) throws(FileError) -> AttachmentSealer {
        try AttachmentSealer(name: name, contentType: contentType, spool: spool)
    }

    /// The choices the intake page offers; clear data only.
    public func intakeOptions() throws -> IntakeOptions {
        try ledger.storage.read { repository in
            IntakeOptions(
                events: try repository.events(), categories: ledger.procedure.categories,
                handlers: ledger.certification.sort(try repository.principals()).trusted.filter(Access.mayEverHold)
                    .map { IntakeOptions.Person(id: $0.id, name: $0.name) })
        }
    }
}
