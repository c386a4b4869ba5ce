import AuditLog
import Foundation
import GrievanceCrypto

/// Everything the rules need from storage, inside one transaction. This is the narrow interface
/// a second engine (PostgreSQL) implements; nothing above it knows which engine it runs on.
/// Every audit entry is appended through the same transaction as the change it records.
public protocol CaseRepository {
    /// Runs `body` so that if it throws, its changes alone are undone and the transaction goes on.
    func savepoint<T>(_ body: () throws -> T) throws -> T

    func setting(_ key: String) throws -> [UInt8]?
    func setSetting(_ key: String, _ value: [UInt8]) throws

    /// Increases with every change to principals, so cached routing can tell it is stale.
    func principalsGeneration() throws -> Int64
    func insertPrincipal(_ principal: StoredPrincipal) throws
    func principal(id: String) throws -> StoredPrincipal?
    func principals() throws -> [StoredPrincipal]

    func eventExists(_ slug: String) throws -> Bool
    func insertEvent(_ event: Event) throws
    func events() throws -> [Event]

    func insertCase(_ row: CaseRow) throws
    func caseRow(reference: String) throws -> CaseRow?
    func caseRow(receiptLookup: Digest) throws -> CaseRow?
    func setStage(reference: String, stage: String, at: Date) throws
    func cases(sealedTo recipient: String) throws -> [CaseSummary]

    func insertSeal(reference: String, recipient: String, sealed: [UInt8], assigned: Bool) throws
    func seal(reference: String, recipient: String) throws -> [UInt8]?
    func deleteSeal(reference: String, recipient: String) throws
    func sealRecipients(reference: String) throws -> [(recipient: String, assigned: Bool)]

    /// Stores the record sealed by `seal`, which is given the sequence number the record gets.
    func appendRecord(reference: String, kind: RecordKind, at: Date, seal: (UInt64) -> [UInt8]) throws -> UInt64
    func records(reference: String) throws -> [StoredRecord]

    func appendTransition(reference: String, stage: String, at: Date) throws
    func transitions(reference: String) throws -> [(stage: String, enteredAt: Date)]

    @discardableResult
    func audit(_ draft: AuditEntryDraft) throws -> AuditEntry
    func auditEntries(caseReference: String) throws -> [AuditEntry]
}

/// Opens transactions on a `CaseRepository`.
public protocol CaseStorage: Sendable {
    func write<T>(_ body: (any CaseRepository) throws -> T) throws -> T
    func read<T>(_ body: (any CaseRepository) throws -> T) throws -> T
}
