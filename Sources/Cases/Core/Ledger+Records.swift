import Foundation
import GrievanceCrypto

extension Ledger {
    /// A text a person wrote (a description, a note, a message, a reason): not blank, not huge.
    static func checkText(_ text: String, field: Field) throws(CasesError) {
        guard !IntakeLimits.isBlank(text) else { throw .invalid(field, .empty) }
        guard text.utf8.count <= IntakeLimits.textBytes else { throw .invalid(field, .tooLong(maximumBytes: IntakeLimits.textBytes)) }
    }

    /// Encrypts and stores one record of a case.
    @discardableResult
    func appendRecord(_ body: RecordBody, kind: RecordKind, key: SymmetricKey, reference: CaseReference,
                      repository: any CaseRepository) throws -> UInt64 {
        let plaintext = try JSONEncoder().encode(body)
        return try repository.appendRecord(reference: reference, kind: kind, at: clock()) { sequence in
            RecordEnvelope.seal([UInt8](plaintext), key: key, caseReference: reference.rawValue, sequence: sequence, kind: kind)
        }
    }

    /// Decrypts every record of a case; any that does not open means the database was altered.
    func openRecords(reference: CaseReference, key: SymmetricKey, repository: any CaseRepository) throws -> [(stored: StoredRecord, body: RecordBody)] {
        try repository.records(reference: reference).map { ($0, try openRecord($0, key: key, reference: reference)) }
    }

    func openRecord(_ stored: StoredRecord, key: SymmetricKey, reference: CaseReference) throws -> RecordBody {
        do {
            let plaintext = try RecordEnvelope.open(stored.sealed, key: key, caseReference: reference.rawValue, sequence: stored.sequence,
                                                    kind: stored.kind)
            return try JSONDecoder().decode(RecordBody.self, from: Data(plaintext))
        } catch {
            throw CasesError.damaged("record \(stored.sequence) of \(reference)")
        }
    }

    /// The ids the reporter and handlers excluded from a case: only the latest exclusions
    /// record is decrypted.
    func exclusions(reference: CaseReference, key: SymmetricKey, repository: any CaseRepository) throws -> Set<String> {
        guard let latest = try repository.records(reference: reference).last(where: { $0.kind == .exclusions }) else { return [] }
        return Set(try openRecord(latest, key: key, reference: reference).exclusions ?? [])
    }

    /// Seals `key` to `principal`'s public key.
    func seal(_ key: SymmetricKey, of reference: CaseReference, to principal: Principal) throws -> [UInt8] {
        CaseKeyEnvelope.seal(key, caseReference: reference.rawValue, to: try BoxPublicKey(bytes: principal.boxPublicKey))
    }
}
