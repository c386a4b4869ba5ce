import AuditLog
import Foundation
import GrievanceCrypto

extension CaseService {
    /// Files a report. A reporter files on the web with no account; a handler or safeguarding
    /// lead files hotline, in-person and e-mail reports on the reporter's behalf. Needs only
    /// public keys: the case key is sealed to every principal the category routes to (minus those
    /// excluded), to the recovery key, to the reporter's receipt and to the filing handler.
    public func file(
        _ intake: Intake, channel: IntakeChannel = .web, onBehalfBy filer: UnlockedPrincipal? = nil, attachments: [SealedAttachment] = []
    ) throws -> FiledCase {
        guard attachments.count <= AttachmentSealer.maximumCount else {
            throw CasesError.invalid("attachments", "attach at most \(AttachmentSealer.maximumCount) files")
        }
        guard let category = procedure.category(intake.category) else { throw CasesError.unknownCategory(intake.category) }
        try Self.checkText(intake.content.description, field: "description")
        for (field, value) in [("occurred", intake.content.occurred), ("location", intake.content.location), ("respondent", intake.content.respondent),
                               ("witnesses", intake.content.witnesses), ("reporter_name", intake.content.reporterName),
                               ("reporter_contact", intake.content.reporterContact)] {
            if let value, value.utf8.count > Self.maximumTextBytes { throw CasesError.invalid(field, "is longer than \(Self.maximumTextBytes) bytes") }
        }
        if let gender = intake.reporterGender, gender.utf8.count > 64 { throw CasesError.invalid("gender", "is longer than 64 bytes") }
        if let language = intake.language, language.utf8.count > 16 { throw CasesError.invalid("language", "is not a language tag") }
        guard intake.excludeHandlers.count <= 50 else { throw CasesError.invalid("exclude_handlers", "lists more than 50 people") }
        switch (channel, filer) {
        case (.web, nil): break
        case (.web, _?): throw CasesError.invalid("channel", "a handler files hotline, in-person or e-mail reports, not web ones")
        case (_, nil): throw CasesError.invalid("channel", "\(channel.rawValue) reports are filed by a handler on the reporter's behalf")
        case (_, let filer?):
            guard !filer.principal.isDisabled, !filer.principal.roles.isDisjoint(with: [.handler, .safeguardingLead]) else {
                try refuse(Self.denial(.notAllowed("only a handler or safeguarding lead files a report on someone's behalf",
                                                   hint: "ask a handler to file it; the attempt was logged"),
                                       actor: filer.id, action: "case.file", reference: nil, reason: "role"))
            }
        }

        let receipt = Receipt.generate()
        let lookup = try receipt.lookupHash(pepper: pepper)
        let caseKey = SymmetricKey.generate()
        var routedRoles = Set(category.routeTo)
        if intake.urgent { routedRoles.insert(.safeguardingLead) }
        let excluded = Set(intake.excludeHandlers)
        var candidates = try routing.get() ?? storage.read { repository in
            (try repository.principalsGeneration(), try repository.principals().map(\.principal))
        }
        for _ in 0..<3 {
            var routed = candidates.principals.filter { $0.readsContent && !$0.roles.isDisjoint(with: routedRoles) && !excluded.contains($0.id) }
            if let filer, !routed.contains(where: { $0.id == filer.id }) { routed.append(filer.principal) }
            let recipients = routed
            let reference = "GRV-" + String(decoding: CrockfordBase32.random(count: 8), as: UTF8.self)
            // Sealing is the costly part: done before the write lock is taken.
            let seals = recipients.map { ($0.id, CaseKeyEnvelope.seal(caseKey, caseReference: reference, to: try! BoxPublicKey(bytes: $0.boxPublicKey))) }
                + [(Self.recoveryRecipient, CaseKeyEnvelope.seal(caseKey, caseReference: reference, to: recoveryPublicKey)),
                   (Self.reporterRecipient, CaseKeyEnvelope.seal(caseKey, caseReference: reference, to: receipt.publicKey))]
            let routingGeneration = candidates.generation
            let filed: FiledCase? = try filings.submit(to: storage) { [self] repository in
                // Someone was added or changed since the routing was read: the caller reads it
                // again and re-seals.
                guard try repository.principalsGeneration() == routingGeneration else { return nil }
                guard try repository.caseRow(reference: reference) == nil else { return nil }
                if let event = intake.event, try !repository.eventExists(event) { throw CasesError.noSuchEvent(event) }
                let now = clock()
                let stage = procedure.initialStage.id
                try repository.insertCase(CaseRow(
                    summary: CaseSummary(
                        reference: reference, event: intake.event, category: category.id, respondentRole: intake.respondentRole,
                        region: intake.region, channel: channel, language: intake.language, urgent: intake.urgent, stage: stage,
                        stageEnteredAt: now, createdAt: now, reporterGender: intake.reporterGender),
                    receiptLookup: lookup, policyHash: procedure.hash))
                for (recipient, sealed) in seals {
                    try repository.insertSeal(reference: reference, recipient: recipient, sealed: sealed, assigned: false)
                }
                let author = filer?.id ?? "reporter"
                try appendRecord(RecordBody(author: author, complaint: intake.content), kind: .complaint, key: caseKey, reference: reference, repository: repository)
                try storeAttachments(attachments, author: author, caseKey: caseKey, reference: reference, repository: repository)
                if !excluded.isEmpty {
                    try appendRecord(RecordBody(author: author, exclusions: excluded.sorted()), kind: .exclusions, key: caseKey, reference: reference, repository: repository)
                }
                try repository.appendTransition(reference: reference, stage: stage, at: now)
                try repository.audit(AuditEntryDraft(
                    actor: filer?.id ?? "reporter", action: "case.filed", caseReference: reference,
                    details: [AuditDetail("category", category.id), AuditDetail("channel", channel.rawValue),
                              AuditDetail("recipients", String(recipients.count)), AuditDetail("urgent", intake.urgent ? "yes" : "no"),
                              AuditDetail("attachments", String(attachments.count)),
                              AuditDetail("policy", procedure.hash.hex)],
                    time: now))
                return FiledCase(reference: reference, receipt: receipt, stage: stage)
            }
            if let filed {
                routing.set(generation: candidates.generation, principals: candidates.principals)
                return filed
            }
            candidates = try storage.read { repository in (try repository.principalsGeneration(), try repository.principals().map(\.principal)) }
        }
        throw CasesError.duplicate("a case reference (principals kept changing, or three random references collided)")
    }
}
