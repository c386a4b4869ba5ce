import AuditLog
import Foundation
import GrievanceCrypto

extension Casework {
    /// Gives `targetID` the case key (an investigator, another handler, a late member of the
    /// appeals panel). The actor must be let assign, and the target let receive by assignment:
    /// never someone excluded, never a role that cannot read the case.
    public func assign(_ reference: CaseReference, to targetID: String, by actor: UnlockedPrincipal) throws {
        try ledger.transaction { repository in
            let opened = try open(reference, as: actor, for: .assign, repository: repository)
            guard let target = try repository.principal(id: targetID)?.principal else { throw CasesError(.noSuchPerson(targetID)) }
            let current = try repository.seal(reference: reference, recipient: targetID)
            if current?.assigned == true { throw CasesError(.duplicate(.assignment(reference, to: targetID))) }
            let facts = ledger.procedure.facts(for: opened.row.summary, holding: .assigned, isExcluded: opened.exclusions.contains(targetID))
            if case .refused(let refusal) = Access.decide(target, .receiveAssigned, facts) {
                throw AccessDenial(CasesError(.cannotReceive(targetID, refusal)), actor: actor.id, attempted: CaseAction.assign.rawValue,
                                   reference: reference, reason: "target-\(refusal.reason)")
            }
            // Nothing is sealed to keys the organisation did not certify.
            if case .untrusted(let why) = try ledger.certification.verdict(of: targetID, in: repository) {
                throw AccessDenial(CasesError.invalid(.person, .untrusted("\(targetID) \(why)")), actor: actor.id, attempted: CaseAction.assign.rawValue,
                                   reference: reference, reason: "target-untrusted")
            }
            if current != nil { try repository.deleteSeal(reference: reference, recipient: targetID) }
            try ledger.placeSeal(opened.keys.current, epoch: opened.keys.epoch, of: reference, for: targetID, to: try BoxPublicKey(bytes: target.boxPublicKey),
                                 assigned: true, repository: repository)
            try repository.audit(ledger.entry(actor.id, "case.assigned", reference, [AuditDetail("to", targetID)]))
        }
    }

    /// Moves a case to another stage, if the access rule and the procedure let this person do it
    /// now, with the reason kept encrypted in the case. Reaching the appeals panel's stage gives
    /// the panel the key.
    @discardableResult
    public func advance(_ reference: CaseReference, to stage: String, reason: String, by actor: UnlockedPrincipal) throws -> CaseSummary {
        try Ledger.checkText(reason, field: .reason)
        return try ledger.transaction { repository in
            let opened = try open(reference, as: actor, for: .advance, repository: repository)
            let summary = opened.row.summary
            let now = ledger.clock()
            if case .failure(let refusal) = ledger.procedure.decide(from: summary.stage, to: stage, roles: opened.person.roles, isPerson: true,
                                                                   enteredAt: summary.stageEnteredAt, now: now) {
                throw AccessDenial(CasesError(.stageChange(refusal)), actor: actor.id, attempted: CaseAction.advance.rawValue,
                                   reference: reference, reason: "procedure")
            }
            try repository.setStage(reference: reference, stage: stage, at: now)
            try repository.appendTransition(reference: reference, stage: stage, at: now)
            try repository.audit(ledger.entry(actor.id, "case.advanced", reference, [AuditDetail("from", summary.stage), AuditDetail("to", stage)]))
            guard let moved = try repository.caseRow(reference: reference) else { throw CasesError(.noSuchCase(reference)) }
            // Whoever may no longer read it loses the key first, so the reason is sealed under the new one.
            let keys = try withdrawUnreadable(moved, keys: opened.keys, exclusions: opened.exclusions, by: actor, repository: repository)
            try ledger.appendRecord(RecordBody(author: actor.id, text: reason, stage: stage), kind: .stageReason, keys: keys,
                                    reference: reference, repository: repository)
            try grantPanel(moved.summary, keys: keys, exclusions: opened.exclusions, by: actor, repository: repository)
            return moved.summary
        }
    }

    /// Seals the key to each member of the appeals panel the access rule lets receive it in the
    /// case's new stage (none outside the panel's stage), and logs how many.
    private func grantPanel(_ summary: CaseSummary, keys: CaseKeyring, exclusions: Set<String>, by actor: UnlockedPrincipal,
                            repository: any CaseRepository) throws {
        var granted = 0
        let stored = try repository.principals()
        let people = ledger.certification.sort(stored)
        for person in people.trusted where try repository.seal(reference: summary.reference, recipient: person.id) == nil {
            let facts = ledger.procedure.facts(for: summary, holding: .none, isExcluded: exclusions.contains(person.id))
            guard Access.decide(person, .receivePanel, facts).isAllowed else { continue }
            try ledger.placeSeal(keys.current, epoch: keys.epoch, of: summary.reference, for: person.id, to: try BoxPublicKey(bytes: person.boxPublicKey),
                                 assigned: false, repository: repository)
            granted += 1
        }
        if granted > 0 {
            try repository.audit(ledger.entry(actor.id, "case.panel-granted", summary.reference, [AuditDetail("recipients", String(granted))]))
        }
        // Whom the panel's grant would have reached had their certificates verified: logged.
        let refused = people.untrusted.filter { untrusted in
            guard let row = stored.first(where: { $0.principal.id == untrusted.id })?.principal else { return false }
            let facts = ledger.procedure.facts(for: summary, holding: .none, isExcluded: exclusions.contains(row.id))
            return Access.decide(row, .receivePanel, facts).isAllowed
        }
        if !refused.isEmpty {
            try repository.audit(ledger.entry("system", "trust.refused", summary.reference, [
                AuditDetail("ids", refused.map(\.id).joined(separator: ",")), AuditDetail("reason", refused.map { "\($0.id): \($0.why)" }.joined(separator: "; ")),
            ]))
        }
    }

    /// Takes the key from everyone the access rule no longer lets read the case in its new
    /// stage — the appeals panel, once the case leaves the panel's stage — and re-keys it, so
    /// nothing written later opens with the key they held. Each removal is logged.
    private func withdrawUnreadable(_ row: CaseRow, keys: CaseKeyring, exclusions: Set<String>, by actor: UnlockedPrincipal,
                                    repository: any CaseRepository) throws -> CaseKeyring {
        var removed: Set<String> = []
        for (recipient, assigned) in try repository.sealRecipients(reference: row.summary.reference) where !recipient.hasPrefix("@") {
            guard let person = try repository.principal(id: recipient)?.principal else { continue }
            let facts = ledger.procedure.facts(for: row.summary, holding: assigned ? .assigned : .held, isExcluded: exclusions.contains(recipient))
            if !Access.decide(person, .read, facts).isAllowed { removed.insert(recipient) }
        }
        guard !removed.isEmpty else { return keys }
        for id in removed.sorted() {
            try repository.audit(ledger.entry(actor.id, "case.access-revoked", row.summary.reference, [AuditDetail("from", id), AuditDetail("reason", "stage")]))
        }
        return try ledger.rekey(row, keys: keys, removing: removed, by: actor.id, repository: repository)
    }

    /// Adds a handler's note, encrypted; the reporter never sees notes.
    public func addNote(_ reference: CaseReference, text: String, by actor: UnlockedPrincipal) throws {
        try addText(text, to: reference, as: .note, for: .note, logged: "case.note-added", field: .note, by: actor)
    }

    /// Sends a message to the reporter, who reads it with their receipt.
    public func messageReporter(_ reference: CaseReference, text: String, by actor: UnlockedPrincipal) throws {
        try addText(text, to: reference, as: .messageToReporter, for: .message, logged: "case.message-sent", field: .message, by: actor)
    }

    private func addText(
        _ text: String, to reference: CaseReference, as kind: RecordKind, for action: CaseAction, logged: String, field: Field,
        by actor: UnlockedPrincipal
    ) throws {
        try Ledger.checkText(text, field: field)
        try ledger.transaction { repository in
            let opened = try open(reference, as: actor, for: action, repository: repository)
            let sequence = try ledger.appendRecord(RecordBody(author: actor.id, text: text), kind: kind, keys: opened.keys, reference: reference,
                                                   repository: repository)
            try repository.audit(ledger.entry(actor.id, logged, reference, [AuditDetail("record", String(sequence))]))
        }
    }

    /// Keeps `targetID` away from a case (a conflict of interest): adds them to the encrypted
    /// exclusions and deletes their copy of the key if they hold one.
    public func exclude(_ reference: CaseReference, principal targetID: String, by actor: UnlockedPrincipal) throws {
        try ledger.transaction { repository in
            let opened = try open(reference, as: actor, for: .exclude, repository: repository)
            guard targetID != actor.id else { throw CasesError.invalid(.person, .selfExclusion) }
            guard try repository.principal(id: targetID) != nil else { throw CasesError(.noSuchPerson(targetID)) }
            var keys = opened.keys
            if try repository.seal(reference: reference, recipient: targetID) != nil {
                // A new key, sealed to everyone but them, before anything more is written: what
                // they copied before opens nothing written after, the exclusion itself included.
                try repository.audit(ledger.entry(actor.id, "case.access-revoked", reference, [AuditDetail("from", targetID)]))
                keys = try ledger.rekey(opened.row, keys: keys, removing: [targetID], by: actor.id, repository: repository)
            }
            try ledger.appendRecord(RecordBody(author: actor.id, exclusions: opened.exclusions.union([targetID]).sorted()), kind: .exclusions,
                                    keys: keys, reference: reference, repository: repository)
            try repository.audit(ledger.entry(actor.id, "case.exclusion-added", reference))
        }
    }
}
