import AuditLog
import Foundation
import GrievanceCrypto

/// Filing a report, for the intake desk (reporters on the web) and for casework (a handler on
/// a reporter's behalf): checked, routed by the access rule, sealed with public keys alone, and
/// committed together with the filings that arrive meanwhile.
struct CaseFiling: Sendable {
    let ledger: Ledger
    /// Keys the receipt lookup; it opens nothing.
    let pepper: SecureBytes
    let routing = RoutingCache()
    /// Filings from concurrent reporters commit together, one fsync for all.
    let commits = GroupCommitter<FiledCase?>()

    /// Files `intake`. The case key is sealed to everyone the access rule lets receive it by
    /// routing, to the filer if the rule lets them hold what they filed, to the recovery key and
    /// to the reporter's receipt. `filer` is the person as they unlocked; the rule is asked of
    /// them as storage holds them now.
    func file(_ intake: Intake, channel: IntakeChannel, filer: Principal?, attachments: [SealedAttachment]) throws -> FiledCase {
        guard let category = ledger.procedure.category(intake.category) else { throw CasesError(.unknownCategory(intake.category)) }
        try Self.check(intake, attachments: attachments)
        try checkChannel(channel, filer: try filer.map(current))
        let receipt = Receipt.generate()
        let lookup = try receipt.lookupHash(pepper: pepper)
        let caseKey = SymmetricKey.generate()
        // Certificates are checked here, once per generation of the people: the cache keeps
        // only those whose chains verify, so no filing ever seals to anyone else.
        func read() throws -> RoutingCache.Entry {
            let (generation, people, recoveryKey) = try ledger.storage.read { repository in
                (try repository.principalsGeneration(), try repository.principals(), try ledger.recoveryKey(in: repository))
            }
            let sorted = ledger.certification.sort(people)
            let trustedIDs = Set(sorted.trusted.map(\.id))
            let certificates = Dictionary(people.filter { trustedIDs.contains($0.principal.id) }.map { ($0.principal.id, $0.certificate ?? []) },
                                          uniquingKeysWith: { first, _ in first })
            if !sorted.untrusted.isEmpty {
                try ledger.storage.write { repository in
                    _ = try repository.audit(ledger.entry("system", "trust.refused", nil, [
                        AuditDetail("ids", sorted.untrusted.map(\.id).joined(separator: ",")),
                        AuditDetail("reason", sorted.untrusted.map { "\($0.id): \($0.why)" }.joined(separator: "; ")),
                    ]))
                }
            }
            return RoutingCache.Entry(generation: generation, principals: sorted.trusted, certificates: certificates, recoveryKey: recoveryKey)
        }
        var candidates = try routing.get() ?? read()
        // Only someone the intake page names may be kept away: any other id is a mistake the
        // reporter must be told of, not one to file in silence. Someone added since the routing
        // was cached is looked for again before the id is refused.
        if !Self.excludesOnlyHolders(intake, among: candidates.principals) {
            candidates = try read()
            guard Self.excludesOnlyHolders(intake, among: candidates.principals) else { throw CasesError.invalid(.excludeHandlers, .unknown) }
        }
        for _ in 0..<3 {
            let reference = CaseReference.random()
            let filerNow = filer.flatMap { filer in candidates.principals.first { $0.id == filer.id } }
            let recipients = self.recipients(of: intake, among: candidates.principals, filer: filerNow)
            // Sealing is the costly part: done before the write lock is taken.
            // Their tags too: a filing's case key is at its first epoch, and no lock is needed to know it.
            let seals = try recipients.map { person -> (String, [UInt8], [UInt8]?) in
                (person.id, try ledger.seal(caseKey, of: reference, to: person),
                 SealTag.make(key: caseKey, reference: reference, recipient: person.id, epoch: 0, assigned: false))
            } + [(Ledger.recoveryRecipient, CaseKeyEnvelope.seal(caseKey, caseReference: reference.rawValue, to: candidates.recoveryKey), nil),
                 (Ledger.reporterRecipient, CaseKeyEnvelope.seal(caseKey, caseReference: reference.rawValue, to: receipt.publicKey), nil)]
            let generation = candidates.generation
            let recoveryKey = candidates.recoveryKey.bytes
            let everyone = candidates.principals
            let certified = recipients.map { ($0.id, candidates.certificates[$0.id] ?? []) }
            let filed: FiledCase? = try commits.submit(to: ledger.storage) { repository in
                // Someone was added or changed since the routing was read — the counter says so,
                // or a recipient's certificate does — read it again, re-seal.
                guard try repository.principalsGeneration() == generation,
                      try certified.allSatisfy({ try repository.certificate(of: $0.0) == $0.1 }),
                      try repository.caseRow(reference: reference) == nil,
                      // The recovery key rotated since: sealed to the new one instead.
                      try repository.setting(Administration.recoveryKeySetting) == recoveryKey
                else { return nil }
                if let event = intake.event, try !repository.eventExists(event) { throw CasesError(.noSuchEvent(event)) }
                let summary = try write(intake, category: category, channel: channel, author: filer?.id ?? "reporter", reference: reference,
                                        lookup: lookup, key: caseKey, reporterPublicKey: receipt.publicKey, seals: seals, attachments: attachments,
                                        repository: repository)
                let stage = ledger.procedure.initialStage.id
                return FiledCase(reference: reference, receipt: receipt, stage: stage,
                                 stageDue: ledger.procedure.stageDuration(stage: stage, category: category.id),
                                 announcements: ledger.procedure.announcements(of: summary, holders: recipients, administrators: everyone,
                                                                               now: summary.createdAt))
            }
            if let filed {
                routing.set(candidates)
                return filed
            }
            candidates = try read()
        }
        throw CasesError(.duplicate(.caseReference))
    }

    /// Whether every person the reporter asks to keep away is one the intake page offers.
    static func excludesOnlyHolders(_ intake: Intake, among people: [Principal]) -> Bool {
        guard !intake.excludeHandlers.isEmpty else { return true }
        let holders = Set(people.filter(Access.mayEverHold).map(\.id))
        return intake.excludeHandlers.allSatisfy(holders.contains)
    }

    /// Who receives a new case: each person the access rule lets receive it by routing, and the
    /// filer if it lets them hold what they filed. The reporter's exclusions count for both.
    func recipients(of intake: Intake, among people: [Principal], filer: Principal?) -> [Principal] {
        let procedure = ledger.procedure
        let excluded = Set(intake.excludeHandlers)
        func facts(for person: Principal) -> CaseFacts {
            procedure.facts(stage: procedure.initialStage.id, category: intake.category, urgent: intake.urgent, holding: .none,
                            isExcluded: excluded.contains(person.id))
        }
        var recipients = people.filter { Access.decide($0, .receiveRouted, facts(for: $0)).isAllowed }
        if let filer, !recipients.contains(where: { $0.id == filer.id }), Access.decide(filer, .receiveAsFiler, facts(for: filer)).isAllowed {
            recipients.append(filer)
        }
        return recipients
    }

    /// The filer as storage holds them, refused if their keys changed since they unlocked.
    private func current(_ filer: Principal) throws -> Principal {
        guard let stored = try ledger.storage.read({ try $0.principal(id: filer.id) })?.principal else { throw CasesError(.noSuchPerson(filer.id)) }
        guard stored.boxPublicKey == filer.boxPublicKey else { throw CasesError.invalid(.keys, .changedMeanwhile) }
        return stored
    }

    /// Web reports come from reporters; the others from a handler the access rule lets file.
    private func checkChannel(_ channel: IntakeChannel, filer: Principal?) throws {
        switch (channel, filer) {
        case (.web, nil): return
        case (.web, _?): throw CasesError.invalid(.channel, .webNotOnBehalf)
        case (_, nil): throw CasesError.invalid(.channel, .needsHandler(channel))
        case (_, let filer?):
            let facts = CaseFacts(stage: ledger.procedure.initialStage.id, panelStage: ledger.procedure.panelStage.id, holding: .none)
            if case .refused(let refusal) = Access.decide(filer, .file, facts) {
                try ledger.refuse(AccessDenial(refusal, actor: filer.id, action: .file, reference: nil))
            }
        }
    }
}
