import AuditLog
import Foundation
import GrievanceCrypto

extension CaseFiling {
    static func check(_ intake: Intake, attachments: [SealedAttachment]) throws(CasesError) {
        guard attachments.count <= AttachmentSealer.maximumCount else { throw .invalid(.attachments, .tooMany(maximum: AttachmentSealer.maximumCount)) }
        try Ledger.checkText(intake.content.description, field: .description)
        let content = intake.content
        for (field, value) in [(Field.occurred, content.occurred), (.location, content.location), (.respondent, content.respondent),
                               (.witnesses, content.witnesses), (.reporterName, content.reporterName), (.reporterContact, content.reporterContact)] {
            if let value, value.utf8.count > IntakeLimits.textBytes { throw .invalid(field, .tooLong(maximumBytes: IntakeLimits.textBytes)) }
        }
        if let language = intake.language, !IntakeLimits.languages.contains(language) { throw .invalid(.language, .notOneOf(IntakeLimits.languages)) }
        guard intake.excludeHandlers.count <= IntakeLimits.excluded else { throw .invalid(.excludeHandlers, .tooMany(maximum: IntakeLimits.excluded)) }
    }

    /// The case's rows, in the filing's transaction: clear facts, seals, the complaint, its
    /// attachments, the exclusions, the first stage and the audit entry. Returns the clear facts.
    func write(
        _ intake: Intake, category: CaseCategory, channel: IntakeChannel, author: String, reference: CaseReference, lookup: Digest,
        key: SymmetricKey, reporterPublicKey: BoxPublicKey, seals: [(recipient: String, sealed: [UInt8], tag: [UInt8]?)], attachments: [SealedAttachment], repository: any CaseRepository
    ) throws -> CaseSummary {
        let keys = CaseKeyring(first: key)
        let now = ledger.clock()
        let stage = ledger.procedure.initialStage.id
        let summary = CaseSummary(
            reference: reference, event: intake.event, category: category.id, respondentRole: intake.respondentRole,
            region: intake.region, channel: channel, language: intake.language, urgent: intake.urgent, stage: stage,
            stageEnteredAt: now, createdAt: now, reporterGender: intake.reporterGender?.rawValue)
        try repository.insertCase(CaseRow(summary: summary, receiptLookup: lookup, policyHash: ledger.procedure.hash))
        try repository.insertSeals(reference: reference, seals)
        try ledger.appendRecord(RecordBody(author: author, complaint: intake.content, reporterKey: Hex.encode(reporterPublicKey.bytes)), kind: .complaint,
                                keys: keys, reference: reference, repository: repository)
        try storeAttachments(attachments, author: author, keys: keys, reference: reference, repository: repository)
        if !intake.excludeHandlers.isEmpty {
            try ledger.appendRecord(RecordBody(author: author, exclusions: Set(intake.excludeHandlers).sorted()), kind: .exclusions, keys: keys,
                                    reference: reference, repository: repository)
        }
        try repository.appendTransition(reference: reference, stage: stage, at: now)
        try repository.audit(ledger.entry(author, "case.filed", reference, [
            AuditDetail("category", category.id), AuditDetail("channel", channel.rawValue),
            AuditDetail("recipients", String(seals.count - 2)), AuditDetail("urgent", intake.urgent ? "yes" : "no"),
            AuditDetail("attachments", String(attachments.count)), AuditDetail("policy", ledger.procedure.hash.hex),
        ]))
        return summary
    }

    /// A record describing each attachment, its key sealed under the case key, its chunks as
    /// they were encrypted, read from the spool one at a time.
    private func storeAttachments(_ attachments: [SealedAttachment], author: String, keys: CaseKeyring, reference: CaseReference,
                                  repository: any CaseRepository) throws {
        for attachment in attachments {
            let sequence = try ledger.appendRecord(RecordBody(author: author, attachment: attachment.info), kind: .attachment, keys: keys,
                                                   reference: reference, repository: repository)
            let sealedKey = XChaCha20Poly1305.seal(attachment.key.secret, key: keys.current,
                                                   associatedData: AttachmentSealer.keyAssociatedData(reference: reference, sequence: sequence))
            try repository.insertAttachment(reference: reference, recordSequence: sequence, sealedKey: sealedKey, header: attachment.header)
            try attachment.forEachChunk { index, chunk in
                try repository.insertAttachmentChunk(reference: reference, recordSequence: sequence, index: index, chunk: chunk)
            }
        }
    }
}
