import AuditLog
import Foundation
import GrievanceCrypto

extension CaseService {
    /// What the reporter sees with their receipt. A receipt that matches no case does the same
    /// cryptographic work as one that does, and is refused with the same words as a mistyped one.
    public func followUp(receipt: Receipt) throws -> ReporterView {
        try withReporterCase(receipt: receipt, action: "reporter.followed-up") { row, key, repository in
            let messages = try openRecords(reference: row.summary.reference, key: key, repository: repository)
                .filter { $0.stored.kind == .messageToReporter || $0.stored.kind == .messageFromReporter }
                .map { CaseRecord(sequence: $0.stored.sequence, kind: $0.stored.kind, createdAt: $0.stored.createdAt,
                                  author: $0.stored.kind == .messageFromReporter ? "reporter" : "handler", text: $0.body.text ?? "") }
            return ReporterView(reference: row.summary.reference, stage: row.summary.stage,
                                stageTitle: procedure.stage(row.summary.stage)?.title ?? row.summary.stage, messages: messages)
        }
    }

    /// Adds the reporter's message (more information, an answer) to their case.
    public func addReporterMessage(receipt: Receipt, text: String) throws {
        try Self.checkText(text, field: "text")
        _ = try withReporterCase(receipt: receipt, action: "reporter.message-added") { row, key, repository in
            try appendRecord(RecordBody(author: "reporter", text: text), kind: .messageFromReporter, key: key,
                             reference: row.summary.reference, repository: repository)
        }
    }

    private func withReporterCase<T>(
        receipt: Receipt, action: String, _ body: (CaseRow, SymmetricKey, any CaseRepository) throws -> T
    ) throws -> T {
        // Both derivations happen whether or not a case matches.
        let keyPair = receipt.keyPair
        let lookup = try receipt.lookupHash(pepper: pepper)
        return try transaction { repository in
            guard let row = try repository.caseRow(receiptLookup: lookup),
                  let sealed = try repository.seal(reference: row.summary.reference, recipient: Self.reporterRecipient)
            else {
                _ = try? CaseKeyEnvelope.open(decoySeal.seal, caseReference: "GRV-00000000", with: decoySeal.keyPair)
                throw Self.denial(.noCaseForReceipt, actor: "reporter", action: action, reference: nil, reason: "no-match")
            }
            let key: SymmetricKey
            do {
                key = try CaseKeyEnvelope.open(sealed, caseReference: row.summary.reference, with: keyPair)
            } catch {
                throw CasesError.damaged("the reporter's key of \(row.summary.reference)")
            }
            let result = try body(row, key, repository)
            try repository.audit(AuditEntryDraft(actor: "reporter", action: action, caseReference: row.summary.reference, time: clock()))
            return result
        }
    }
}
