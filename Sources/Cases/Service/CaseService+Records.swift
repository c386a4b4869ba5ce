import Foundation
import GrievanceCrypto

extension CaseService {
    static let maximumTextBytes = 20_000

    static func checkText(_ text: String, field: String) throws {
        guard !text.unicodeScalars.allSatisfy(\.properties.isWhitespace) else { throw CasesError.invalid(field, "must not be empty") }
        guard text.utf8.count <= maximumTextBytes else { throw CasesError.invalid(field, "is longer than \(maximumTextBytes) bytes") }
    }

    /// Encrypts and stores one record of a case.
    @discardableResult
    func appendRecord(_ body: RecordBody, kind: RecordKind, key: SymmetricKey, reference: String, repository: any CaseRepository) throws -> UInt64 {
        let plaintext = try JSONEncoder().encode(body)
        return try repository.appendRecord(reference: reference, kind: kind, at: clock()) { sequence in
            RecordEnvelope.seal([UInt8](plaintext), key: key, caseReference: reference, sequence: sequence, kind: kind)
        }
    }

    /// Decrypts every record of a case; any that does not open means the database was altered.
    func openRecords(reference: String, key: SymmetricKey, repository: any CaseRepository) throws -> [(stored: StoredRecord, body: RecordBody)] {
        try repository.records(reference: reference).map { ($0, try openRecord($0, key: key, reference: reference)) }
    }

    func openRecord(_ stored: StoredRecord, key: SymmetricKey, reference: String) throws -> RecordBody {
        do {
            let plaintext = try RecordEnvelope.open(stored.sealed, key: key, caseReference: reference, sequence: stored.sequence, kind: stored.kind)
            return try JSONDecoder().decode(RecordBody.self, from: Data(plaintext))
        } catch {
            throw CasesError.damaged("record \(stored.sequence) of \(reference)")
        }
    }

    /// The ids the reporter and handlers excluded from a case: only the latest exclusions
    /// record is decrypted.
    func exclusions(reference: String, key: SymmetricKey, repository: any CaseRepository) throws -> Set<String> {
        guard let latest = try repository.records(reference: reference).last(where: { $0.kind == .exclusions }) else { return [] }
        return Set(try openRecord(latest, key: key, reference: reference).exclusions ?? [])
    }
}
