import AuditLog
import Foundation
import GrievanceCrypto

extension CaseService {
    /// Gives `targetID` the case key (an investigator, another handler). Only someone who holds
    /// the key can grant it; never to a role that does not read content, never to someone
    /// excluded from the case.
    public func assign(_ reference: String, to targetID: String, by actor: UnlockedPrincipal) throws {
        try transaction { repository in
            let (_, key) = try openCase(reference, as: actor, for: .assign, repository: repository)
            guard let target = try repository.principal(id: targetID)?.principal else { throw CasesError.noSuchPrincipal(targetID) }
            guard target.readsContent else {
                throw Self.denial(.notAllowed("\(targetID) never reads case content (\(target.roles.sorted().map(\.rawValue).joined(separator: ", ")))",
                                               hint: "assign the case to a handler, safeguarding lead, investigator or appeals panel member"),
                                  actor: actor.id, action: "case.assign", reference: reference, reason: "target-role")
            }
            guard try !exclusions(reference: reference, key: key, repository: repository).contains(targetID) else {
                throw Self.denial(.conflictOfInterest("\(targetID) is excluded from \(reference)"), actor: actor.id,
                                  action: "case.assign", reference: reference, reason: "excluded")
            }
            if try repository.seal(reference: reference, recipient: targetID) != nil {
                guard try !repository.sealRecipients(reference: reference).contains(where: { $0.recipient == targetID && $0.assigned }) else {
                    throw CasesError.duplicate("an assignment of \(reference) to \(targetID)")
                }
                try repository.deleteSeal(reference: reference, recipient: targetID)
            }
            try repository.insertSeal(
                reference: reference, recipient: targetID,
                sealed: CaseKeyEnvelope.seal(key, caseReference: reference, to: try BoxPublicKey(bytes: target.boxPublicKey)), assigned: true)
            try repository.audit(AuditEntryDraft(actor: actor.id, action: "case.assigned", caseReference: reference,
                                                 details: [AuditDetail("to", targetID)], time: clock()))
        }
    }

    /// Moves a case to another stage, if the procedure lets this person do it now, with the
    /// reason kept encrypted in the case. Reaching the appeal stage gives the appeals panel the key.
    @discardableResult
    public func advance(_ reference: String, to stage: String, reason: String, by actor: UnlockedPrincipal) throws -> CaseSummary {
        try Self.checkText(reason, field: "reason")
        return try transaction { repository in
            let (row, key) = try openCase(reference, as: actor, for: .advance, repository: repository)
            let now = clock()
            let decision = procedure.decide(from: row.summary.stage, to: stage, roles: actor.principal.roles, isPerson: true,
                                            enteredAt: row.summary.stageEnteredAt, now: now)
            if case .failure(let refusal) = decision {
                throw Self.denial(.stageChange(refusal), actor: actor.id, action: "case.advance", reference: reference, reason: "procedure")
            }
            try repository.setStage(reference: reference, stage: stage, at: now)
            try repository.appendTransition(reference: reference, stage: stage, at: now)
            try appendRecord(RecordBody(author: actor.id, text: reason), kind: .stageReason, key: key, reference: reference, repository: repository)
            if stage == "appeal" {
                let excluded = try exclusions(reference: reference, key: key, repository: repository)
                for panel in try repository.principals().map(\.principal)
                where panel.roles.contains(.appeals) && panel.readsContent && !excluded.contains(panel.id) {
                    guard try repository.seal(reference: reference, recipient: panel.id) == nil else { continue }
                    try repository.insertSeal(reference: reference, recipient: panel.id,
                                              sealed: CaseKeyEnvelope.seal(key, caseReference: reference, to: try BoxPublicKey(bytes: panel.boxPublicKey)),
                                              assigned: false)
                }
            }
            try repository.audit(AuditEntryDraft(actor: actor.id, action: "case.advanced", caseReference: reference,
                                                 details: [AuditDetail("from", row.summary.stage), AuditDetail("to", stage)], time: now))
            return try repository.caseRow(reference: reference)!.summary
        }
    }

    /// Adds a handler's note, encrypted; the reporter never sees notes.
    public func addNote(_ reference: String, text: String, by actor: UnlockedPrincipal) throws {
        try addText(text, to: reference, as: .note, for: .note, logged: "case.note-added", field: "note", by: actor)
    }

    /// Sends a message to the reporter, who reads it with their receipt.
    public func messageReporter(_ reference: String, text: String, by actor: UnlockedPrincipal) throws {
        try addText(text, to: reference, as: .messageToReporter, for: .message, logged: "case.message-sent", field: "message", by: actor)
    }

    private func addText(
        _ text: String, to reference: String, as kind: RecordKind, for action: CaseAction, logged: String, field: String,
        by actor: UnlockedPrincipal
    ) throws {
        try Self.checkText(text, field: field)
        try transaction { repository in
            let (_, key) = try openCase(reference, as: actor, for: action, repository: repository)
            let sequence = try appendRecord(RecordBody(author: actor.id, text: text), kind: kind, key: key, reference: reference, repository: repository)
            try repository.audit(AuditEntryDraft(actor: actor.id, action: logged, caseReference: reference,
                                                 details: [AuditDetail("record", String(sequence))], time: clock()))
        }
    }

    /// Keeps `targetID` away from a case (a conflict of interest): adds them to the encrypted
    /// exclusions and deletes their copy of the key if they hold one.
    public func exclude(_ reference: String, principal targetID: String, by actor: UnlockedPrincipal) throws {
        try transaction { repository in
            let (_, key) = try openCase(reference, as: actor, for: .exclude, repository: repository)
            guard targetID != actor.id else { throw CasesError.invalid("handler", "to step back from a case, ask another handler to exclude you") }
            guard try repository.principal(id: targetID) != nil else { throw CasesError.noSuchPrincipal(targetID) }
            var excluded = try exclusions(reference: reference, key: key, repository: repository)
            excluded.insert(targetID)
            try appendRecord(RecordBody(author: actor.id, exclusions: excluded.sorted()), kind: .exclusions, key: key, reference: reference, repository: repository)
            try repository.audit(AuditEntryDraft(actor: actor.id, action: "case.exclusion-added", caseReference: reference, time: clock()))
            if try repository.seal(reference: reference, recipient: targetID) != nil {
                try repository.deleteSeal(reference: reference, recipient: targetID)
                try repository.audit(AuditEntryDraft(actor: actor.id, action: "case.access-revoked", caseReference: reference,
                                                     details: [AuditDetail("from", targetID)], time: clock()))
            }
        }
    }
}
