import AuditLog
import Foundation
import GrievanceCrypto

/// Nobody knows another person's passphrase. An administrator adds a person and gets a
/// one-time enrolment code; the person enrols with it, sets their own passphrase and makes their
/// own keys. The administrator's signed ticket names the one-time signing key the code derives,
/// and that key signs the person's new keys into their certificate — so the chain runs from
/// the organisation key to keys only the person ever held. Recovery works the same way.
extension Administration {
    static func enrolmentRecipient(_ id: String) -> String { Ledger.enrolmentRecipient(id) }

    /// What a ticket names: the person's id and roles, and the code's one-time keys — the
    /// signing key that certifies their own keys at enrolment, the box key that what is kept
    /// for them until then is sealed to. Signed with the purpose `enrolment`, it never ends a
    /// chain, so nothing is sealed to it as if it were the person.
    private static func ticketRecord(id: String, name: String, roles: Set<Role>, code: EnrolmentCode) -> Principal {
        Principal(id: id, name: name, roles: roles, boxPublicKey: code.boxKeyPair.publicKey.bytes,
                  signingPublicKey: code.signingKeyPair.publicKey.bytes, isDisabled: false)
    }

    /// Adds a person, who has no keys until they enrol with the code returned — the only copy,
    /// to hand to them. Only a trusted administrator may; an administrator is vouched for by the
    /// organisation key, anyone else by the administrator's own.
    public func addPrincipal(id: String, name: String, roles: Set<Role>, by actor: UnlockedPrincipal) throws -> EnrolmentCode {
        try Principal.checkNewID(id)
        guard !name.isEmpty, name.utf8.count <= 200 else { throw CasesError.invalid(.name, name.isEmpty ? .empty : .tooLong(maximumBytes: 200)) }
        try Principal.checkRoles(roles)
        let code = EnrolmentCode.generate()
        try ledger.transaction { repository in
            try requireAdministrator(actor, for: .addPeople, repository: repository)
            guard try repository.principal(id: id) == nil else { throw CasesError(.duplicate(.person(id))) }
            // A code that went unused may be replaced, unless recovery kept cases for it (then
            // only the recovery key gives a new one: `handler recover`).
            if try repository.enrolment(id: id) != nil {
                guard try repository.seals(recipient: Self.enrolmentRecipient(id)).isEmpty else { throw CasesError(.duplicate(.person(id))) }
                try withdrawAdministratorKeys(from: Self.enrolmentRecipient(id), repository: repository)
                try repository.deleteEnrolment(id: id)
            }
            let ticket = try certify(Self.ticketRecord(id: id, name: name, roles: roles, code: code), after: nil, purpose: .enrolment, by: actor,
                                     repository: repository)
            try repository.insertEnrolment(PendingEnrolment(id: id, name: name, ticket: ticket, createdAt: ledger.clock()))
            var details = [AuditDetail("id", id), AuditDetail("roles", roles.sorted().map(\.rawValue).joined(separator: ",")),
                           AuditDetail("enrolment-key", Hex.encode(code.signingKeyPair.publicKey.bytes))]
            // A new administrator's keys wait for them under the code, as recovery's do.
            if roles.contains(.admin) {
                details += try grantAdministratorKeys(to: Self.enrolmentRecipient(id), key: code.boxKeyPair.publicKey, by: actor, repository: repository)
            }
            try repository.audit(ledger.entry(actor.id, "principal.added", nil, details))
        }
        return code
    }

    /// Enrols `id` with their code: their own key pairs, wrapped under the passphrase they chose,
    /// certified by a link the code's one-time key signs. Case keys that recovery kept for them
    /// are sealed to their new key. A wrong code is refused and logged; a code older than a
    /// week is refused (an administrator gives a new one).
    @discardableResult
    public func enrol(id: String, code: EnrolmentCode, passphrase: Passphrase) throws -> UnlockedPrincipal {
        guard let pending = try ledger.storage.read({ try $0.enrolment(id: id) }) else { throw CasesError(.noEnrolment(id)) }
        guard let ticket = pending.ticket, ticket.purpose == .enrolment else { throw CasesError.damaged("the enrolment ticket of \(id)") }
        let oneTime = code.signingKeyPair
        guard oneTime.publicKey.bytes == ticket.signingPublicKey else {
            try ledger.refuse(AccessDenial(CasesError.invalid(.enrolmentCode, .notThisPersons), actor: id, attempted: "enrol", reference: nil,
                                           reason: "wrong-enrolment-code"))
        }
        guard ledger.clock().timeIntervalSince(pending.createdAt) <= PendingEnrolment.lifetime else {
            throw CasesError.invalid(.enrolmentCode, .expired)
        }
        let record = Principal(id: id, name: pending.name, roles: ticket.roles, boxPublicKey: [], signingPublicKey: [], isDisabled: false)
        let (uncertified, unlocked) = try freshKeys(for: record, passphrase: passphrase)
        let certificate = Certificate(links: [ticket, CertificateLink.sign(uncertified.principal, origin: ledger.certification.origin,
                                                                            generation: ticket.generation + 1, issuer: .previous, with: oneTime)])
        let stored = uncertified.with(certificate: certificate)
        try ledger.transaction { repository in
            guard try repository.enrolment(id: id)?.ticketBytes == pending.ticketBytes else { throw CasesError.invalid(.person, .changedMeanwhile) }
            guard try repository.principal(id: id) == nil else { throw CasesError(.duplicate(.person(id))) }
            try repository.insertPrincipal(stored)
            try repository.deleteEnrolment(id: id)
            // Whoever vouched for the ticket must still be trusted to: else nothing is enrolled.
            if case .untrusted(let why) = try ledger.certification.verdict(of: id, in: repository) {
                throw CasesError.invalid(.enrolmentCode, .untrusted("\(why); ask an administrator for a new code"))
            }
            let restored = try restoreKept(for: id, roles: ticket.roles, with: code.boxKeyPair, to: unlocked.boxKeyPair.publicKey, repository: repository)
            try repository.audit(ledger.entry(id, "principal.enrolled", nil, [
                AuditDetail("fingerprint", stored.principal.keyFingerprint), AuditDetail("generation", String(certificate.generation)),
                AuditDetail("cases", String(restored)),
            ]))
        }
        return unlocked
    }

    /// Brings back a person who lost their passphrase, on the authority of the organisation's
    /// recovery key alone (it can open every case already): they are removed, every case key
    /// they held — and the administrators' keys, for an administrator — is sealed to the code's
    /// one-time box key, and they enrol again with the code returned, making keys nobody else
    /// ever saw. Until then nothing new is sealed to them. Logged as done by `recovery-key`.
    public func recoverPrincipal(_ id: String, recoveryKey: RecoveryKey) throws -> EnrolmentCode {
        let code = EnrolmentCode.generate()
        let kept = code.boxKeyPair.publicKey
        try ledger.transaction { repository in
            guard recoveryKey.keyPair.publicKey.bytes == (try ledger.recoveryKey(in: repository)).bytes else {
                throw CasesError.invalid(.recoveryKey, .notThisOrganisations)
            }
            // Someone enrolled, or someone recovered before whose code went unused: what they
            // hold is sealed to them, or kept for them. Either must verify — a row or a ticket
            // someone wrote into the database brings back nothing.
            let people = Certification.byID(try repository.principals())
            let stored = people[id]
            let pending = try repository.enrolment(id: id)
            let roles: Set<Role>
            let name: String
            let previous: UInt64
            if let stored {
                guard !stored.principal.isDisabled else { throw CasesError.invalid(.person, .disabled) }
                if case .untrusted(let why) = ledger.certification.verdict(of: stored, among: people) {
                    throw CasesError.invalid(.person, .untrusted("\(id) \(why)"))
                }
                (roles, name, previous) = (stored.principal.roles, stored.principal.name,
                                           stored.certificate.flatMap(Certificate.init(serialized:))?.generation ?? 0)
            } else if let pending, let ticket = pending.ticket, ledger.certification.holdingKey(of: pending, among: people) != nil {
                (roles, name, previous) = (ticket.roles, pending.name, ticket.generation)
            } else {
                throw CasesError(.noSuchPerson(id))
            }
            let holder = stored == nil ? Self.enrolmentRecipient(id) : id
            let organisationKey = try openOrganisationKey(sealedTo: Ledger.recoveryRecipient, with: recoveryKey.keyPair, repository: repository)
            var carried = 0
            for (reference, _) in try repository.seals(recipient: holder) {
                guard let row = try repository.caseRow(reference: reference),
                      let recoverySeal = try repository.seal(reference: reference, recipient: Ledger.recoveryRecipient)?.sealed,
                      let key = try? CaseKeyEnvelope.open(recoverySeal, caseReference: reference.rawValue, with: recoveryKey.keyPair)
                else { throw CasesError.damaged("the recovery key's copy of the key of \(reference)") }
                guard let seal = try repository.seal(reference: reference, recipient: holder) else { continue }
                try repository.deleteSeal(reference: reference, recipient: holder)
                // Only a seal a key holder made is carried over: not a row someone added.
                guard SealTag.verify(seal.tag, key: key, reference: reference, recipient: holder, epoch: row.keyEpoch, assigned: seal.assigned) else { continue }
                try ledger.placeSeal(key, epoch: row.keyEpoch, of: reference, for: Self.enrolmentRecipient(id), to: kept, assigned: seal.assigned,
                                     repository: repository)
                carried += 1
            }
            // The administrators' keys wait only for an administrator, from the recovery key's own copies.
            try withdrawAdministratorKeys(from: Self.enrolmentRecipient(id), repository: repository)
            if roles.contains(.admin) {
                let logKey = try openLogKey(sealedTo: Ledger.recoveryRecipient, with: recoveryKey.keyPair, repository: repository)
                try repository.setSetting(Self.logKeySealSetting(Self.enrolmentRecipient(id)), SealedBox.seal(logKey.secretKey, to: kept))
                try repository.setSetting(Self.organisationKeySealSetting(Self.enrolmentRecipient(id)), SealedBox.seal(organisationKey.secretKey, to: kept))
            }
            let ticket = CertificateLink.sign(Self.ticketRecord(id: id, name: name, roles: roles, code: code), origin: ledger.certification.origin,
                                              generation: previous + 1, purpose: .enrolment, issuer: .organisation, with: organisationKey)
            if stored != nil {
                try withdrawAdministratorKeys(from: id, repository: repository)
                try repository.deletePrincipal(id: id)
            }
            try repository.deleteEnrolment(id: id)
            try repository.insertEnrolment(PendingEnrolment(id: id, name: name, ticket: Certificate(links: [ticket]), createdAt: ledger.clock()))
            try repository.audit(ledger.entry("recovery-key", "principal.recovered", nil, [
                AuditDetail("id", id), AuditDetail("cases", String(carried)),
                AuditDetail("enrolment-key", Hex.encode(code.signingKeyPair.publicKey.bytes)),
            ]))
        }
        return code
    }

    /// Moves what recovery (or the administrator who added them) kept for `id` — case keys
    /// whose seal rows a key holder made, and an administrator's keys, checked to be the
    /// organisation's — from the code's one-time box key to their new key. Returns how many cases.
    private func restoreKept(for id: String, roles: Set<Role>, with oneTime: BoxKeyPair, to key: BoxPublicKey,
                             repository: any CaseRepository) throws -> Int {
        let recipient = Self.enrolmentRecipient(id)
        var restored = 0
        for (reference, sealed) in try repository.seals(recipient: recipient) {
            guard let seal = try repository.seal(reference: reference, recipient: recipient) else { continue }
            try repository.deleteSeal(reference: reference, recipient: recipient)
            guard let row = try repository.caseRow(reference: reference),
                  let caseKey = try? CaseKeyEnvelope.open(sealed, caseReference: reference.rawValue, with: oneTime),
                  SealTag.verify(seal.tag, key: caseKey, reference: reference, recipient: recipient, epoch: row.keyEpoch, assigned: seal.assigned)
            else { continue }
            try ledger.placeSeal(caseKey, epoch: row.keyEpoch, of: reference, for: id, to: key, assigned: seal.assigned, repository: repository)
            restored += 1
        }
        defer { try? withdrawAdministratorKeys(from: recipient, repository: repository) }
        guard roles.contains(.admin) else { return restored }
        if let sealed = try repository.setting(Self.organisationKeySealSetting(recipient)) {
            guard let secret = try? SealedBox.openSecret(sealed, with: oneTime), let organisationKey = try? SigningKeyPair(secretKey: secret),
                  organisationKey.publicKey == ledger.certification.organisationKey
            else { throw CasesError.damaged("the organisation key kept for \(id)") }
            try repository.setSetting(Self.organisationKeySealSetting(id), SealedBox.seal(secret, to: key))
        }
        if let sealed = try repository.setting(Self.logKeySealSetting(recipient)) {
            guard let secret = try? SealedBox.openSecret(sealed, with: oneTime), let logKey = try? SigningKeyPair(secretKey: secret),
                  logKey.publicKey.bytes == (try repository.setting(Self.logKeyPublicSetting))
            else { throw CasesError.damaged("the log key kept for \(id)") }
            try repository.setSetting(Self.logKeySealSetting(id), SealedBox.seal(secret, to: key))
        }
        return restored
    }
}
