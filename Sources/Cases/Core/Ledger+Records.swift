import AuditLog
import Foundation
import GrievanceCrypto

extension Ledger {
    /// A text a person wrote (a description, a note, a message, a reason): not blank, not huge.
    static func checkText(_ text: String, field: Field) throws(CasesError) {
        guard !IntakeLimits.isBlank(text) else { throw .invalid(field, .empty) }
        guard text.utf8.count <= IntakeLimits.textBytes else { throw .invalid(field, .tooLong(maximumBytes: IntakeLimits.textBytes)) }
    }

    /// Encrypts and stores one record of a case, under its current key.
    @discardableResult
    func appendRecord(_ body: RecordBody, kind: RecordKind, keys: CaseKeyring, reference: CaseReference,
                      repository: any CaseRepository) throws -> UInt64 {
        let plaintext = try JSONEncoder().encode(body)
        return try repository.appendRecord(reference: reference, kind: kind, at: clock(), keyEpoch: keys.epoch) { sequence in
            RecordEnvelope.seal([UInt8](plaintext), key: keys.current, caseReference: reference.rawValue, sequence: sequence, kind: kind)
        }
    }

    /// Decrypts every record of a case; any that does not open means the database was altered.
    func openRecords(reference: CaseReference, keys: CaseKeyring, repository: any CaseRepository) throws -> [(stored: StoredRecord, body: RecordBody)] {
        try repository.records(reference: reference).map { ($0, try openRecord($0, keys: keys, reference: reference)) }
    }

    func openRecord(_ stored: StoredRecord, keys: CaseKeyring, reference: CaseReference) throws -> RecordBody {
        do {
            let plaintext = try RecordEnvelope.open(stored.sealed, key: try keys.key(for: stored.keyEpoch), caseReference: reference.rawValue,
                                                    sequence: stored.sequence, kind: stored.kind)
            return try JSONDecoder().decode(RecordBody.self, from: Data(plaintext))
        } catch {
            throw CasesError.damaged("record \(stored.sequence) of \(reference)")
        }
    }

    /// The ids the reporter and handlers excluded from a case: only the latest exclusions
    /// record is decrypted.
    func exclusions(reference: CaseReference, keys: CaseKeyring, repository: any CaseRepository) throws -> Set<String> {
        guard let latest = try repository.records(reference: reference).last(where: { $0.kind == .exclusions }) else { return [] }
        return Set(try openRecord(latest, keys: keys, reference: reference).exclusions ?? [])
    }

    /// The keyring of a case whose current key was just opened from a seal. A case whose key
    /// went stale (a holder removed by someone who could not re-key it) is re-keyed first, so
    /// nothing more is ever sealed under a key someone removed may hold.
    func keyring(of row: CaseRow, current: SymmetricKey, by actor: String, repository: any CaseRepository) throws -> CaseKeyring {
        let reference = row.summary.reference
        let keys = try CaseKeyring(reference: reference, epoch: row.keyEpoch, current: current, wrapped: try repository.wrappedCaseKeys(reference: reference))
        return row.keyIsStale ? try rekey(row, keys: keys, removing: [], by: actor, repository: repository) : keys
    }

    /// Gives a case a new data key: the old one is wrapped under it for the records before,
    /// and it is sealed again to each remaining holder whose seal row a key holder made (its
    /// `SealTag` verifies): a certified person the access rule still lets read the case and no
    /// exclusion names, the recovery key, the reporter (their key as the complaint record holds
    /// it), someone waiting to enrol (the key their verified ticket names). Not to `removing`,
    /// nor to any row someone without the key added. Logged with who lost it.
    func rekey(_ row: CaseRow, keys: CaseKeyring, removing: Set<String>, by actor: String, repository: any CaseRepository) throws -> CaseKeyring {
        let reference = row.summary.reference
        let (next, wrapped) = keys.advanced(reference: reference)
        let stored = try repository.principals()
        let people = Certification.byID(stored)
        let verdicts = certification.verdicts(stored)
        let exclusions = try self.exclusions(reference: reference, keys: keys, repository: repository)
        var dropped = removing.sorted()
        var holders = 0
        for (recipient, assigned) in try repository.sealRecipients(reference: reference) {
            let tag = try repository.seal(reference: reference, recipient: recipient)?.tag
            try repository.deleteSeal(reference: reference, recipient: recipient)
            guard !removing.contains(recipient) else { continue }
            var publicKey: BoxPublicKey?
            if !SealTag.isNeeded(for: recipient)
                || SealTag.verify(tag, key: keys.current, reference: reference, recipient: recipient, epoch: keys.epoch, assigned: assigned) {
                switch recipient {
                case Self.recoveryRecipient: publicKey = try recoveryKey(in: repository)
                case Self.reporterRecipient: publicKey = try reporterPublicKey(reference: reference, keys: keys, repository: repository)
                case let kept where Self.enrollingID(of: kept) != nil:
                    publicKey = try repository.enrolment(id: Self.enrollingID(of: kept)!).flatMap { certification.holdingKey(of: $0, among: people) }
                default:
                    if let person = people[recipient]?.principal, verdicts[recipient] == .trusted,
                       Access.decide(person, .read, procedure.facts(for: row.summary, holding: assigned ? .assigned : .held,
                                                                     isExcluded: exclusions.contains(recipient))).isAllowed {
                        publicKey = try? BoxPublicKey(bytes: person.boxPublicKey)
                    }
                }
            }
            guard let publicKey else {
                if recipient == Self.reporterRecipient || recipient == Self.recoveryRecipient { throw CasesError.damaged("the \(recipient) seal of \(reference)") }
                dropped.append(recipient)
                continue
            }
            try placeSeal(next.current, epoch: next.epoch, of: reference, for: recipient, to: publicKey, assigned: assigned, repository: repository)
            holders += 1
        }
        try repository.advanceCaseKey(reference: reference, to: next.epoch, wrappedPrevious: wrapped)
        try repository.audit(entry(actor, "case.rekeyed", reference, [
            AuditDetail("epoch", String(next.epoch)), AuditDetail("holders", String(holders)),
            AuditDetail("removed", dropped.joined(separator: ",")),
        ]))
        return next
    }

    /// The reporter's public key, as the complaint record (authenticated by the case key) holds it.
    private func reporterPublicKey(reference: CaseReference, keys: CaseKeyring, repository: any CaseRepository) throws -> BoxPublicKey {
        guard let complaint = try repository.records(reference: reference).first(where: { $0.kind == .complaint }),
              let hex = try openRecord(complaint, keys: keys, reference: reference).reporterKey,
              let bytes = Hex.decode(hex), let key = try? BoxPublicKey(bytes: bytes)
        else { throw CasesError.damaged("the reporter's key in the complaint of \(reference)") }
        return key
    }

    /// Seals `key` (of `epoch`) to `publicKey` for `recipient`, with the tag that shows a key
    /// holder made the row.
    func placeSeal(_ key: SymmetricKey, epoch: Int, of reference: CaseReference, for recipient: String, to publicKey: BoxPublicKey, assigned: Bool,
                   repository: any CaseRepository) throws {
        try repository.insertSeal(reference: reference, recipient: recipient, sealed: CaseKeyEnvelope.seal(key, caseReference: reference.rawValue, to: publicKey),
                                  assigned: assigned, tag: SealTag.isNeeded(for: recipient)
                                      ? SealTag.make(key: key, reference: reference, recipient: recipient, epoch: epoch, assigned: assigned) : nil)
    }

    /// Seals `key` to `principal`'s public key.
    func seal(_ key: SymmetricKey, of reference: CaseReference, to principal: Principal) throws -> [UInt8] {
        CaseKeyEnvelope.seal(key, caseReference: reference.rawValue, to: try BoxPublicKey(bytes: principal.boxPublicKey))
    }
}
