import AuditLog
import Foundation
import GrievanceCrypto

extension IntakeDesk {
    /// What the reporter sees with their receipt. A receipt that matches no case does the same
    /// cryptographic work as one that does, and is refused with the same words as a mistyped one.
    public func followUp(receipt: Receipt) throws -> ReporterView {
        try withReporterCase(receipt: receipt, action: "reporter.followed-up") { row, keys, repository in
            let messages = try ledger.openRecords(reference: row.summary.reference, keys: keys, repository: repository)
                .filter { $0.stored.kind == .messageToReporter || $0.stored.kind == .messageFromReporter }
                .map { CaseRecord(sequence: $0.stored.sequence, kind: $0.stored.kind, createdAt: $0.stored.createdAt,
                                  author: $0.stored.kind == .messageFromReporter ? "reporter" : "handler", text: $0.body.text ?? "", stage: nil) }
            return ReporterView(reference: row.summary.reference, stage: row.summary.stage,
                                stageTitle: ledger.procedure.stage(row.summary.stage)?.title ?? row.summary.stage, messages: messages)
        }
    }

    /// Adds the reporter's message (more information, an answer) to their case, and returns
    /// what they see then.
    @discardableResult
    public func addReporterMessage(receipt: Receipt, text: String) throws -> ReporterView {
        try Ledger.checkText(text, field: .message)
        _ = try withReporterCase(receipt: receipt, action: "reporter.message-added") { row, keys, repository in
            try ledger.appendRecord(RecordBody(author: "reporter", text: text), kind: .messageFromReporter, keys: keys,
                                    reference: row.summary.reference, repository: repository)
        }
        return try followUp(receipt: receipt)
    }

    private func withReporterCase<T>(
        receipt: Receipt, action: String, _ body: (CaseRow, CaseKeyring, any CaseRepository) throws -> T
    ) throws -> T {
        // Both derivations happen whether or not a case matches.
        let keyPair = receipt.keyPair
        let lookup = try receipt.lookupHash(pepper: filing.pepper)
        return try ledger.transaction { repository in
            guard let row = try repository.caseRow(receiptLookup: lookup),
                  let sealed = try repository.seal(reference: row.summary.reference, recipient: Ledger.reporterRecipient)?.sealed
            else {
                _ = try? CaseKeyEnvelope.open(decoySeal, caseReference: Self.decoyReference.rawValue, with: keyPair)
                throw AccessDenial(.noCaseForReceipt, actor: "reporter", attempted: action, reference: nil, reason: "no-match")
            }
            let key: SymmetricKey
            do {
                key = try CaseKeyEnvelope.open(sealed, caseReference: row.summary.reference.rawValue, with: keyPair)
            } catch {
                throw CasesError.damaged("the reporter's key of \(row.summary.reference)")
            }
            let result = try body(row, try ledger.keyring(of: row, current: key, by: "reporter", repository: repository), repository)
            try repository.audit(ledger.entry("reporter", action, row.summary.reference))
            return result
        }
    }
}
