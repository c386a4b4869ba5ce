import AuditLog
import Foundation
import GRDB
import GrievanceCrypto

/// Everything the rules need from storage, inside one transaction. This is the narrow interface
/// a second engine (PostgreSQL) implements; nothing above it knows which engine it runs on.
/// Every audit entry is appended through the same transaction as the change it records.
package protocol CaseRepository {
    /// Runs `body` so that if it throws, its changes alone are undone and the transaction goes on.
    func savepoint<T>(_ body: () throws -> T) throws -> T

    func setting(_ key: String) throws -> [UInt8]?
    func setSetting(_ key: String, _ value: [UInt8]) throws
    func deleteSetting(_ key: String) throws

    /// Increases with every change to principals, so cached routing can tell it is stale.
    func principalsGeneration() throws -> Int64
    func insertPrincipal(_ principal: StoredPrincipal) throws
    func principal(id: String) throws -> StoredPrincipal?
    func principals() throws -> [StoredPrincipal]
    /// A person's certificate as stored, alone: what filing compares with what it routed by.
    func certificate(of id: String) throws -> [UInt8]?
    /// Replaces a principal's name, roles, keys or disabled flag (its id stays).
    func updatePrincipal(_ principal: StoredPrincipal) throws
    /// Removes a person's row (recovery: they enrol again).
    func deletePrincipal(id: String) throws
    func insertEnrolment(_ enrolment: PendingEnrolment) throws
    func enrolment(id: String) throws -> PendingEnrolment?
    func enrolments() throws -> [PendingEnrolment]
    func deleteEnrolment(id: String) throws

    func eventExists(_ slug: String) throws -> Bool
    func insertEvent(_ event: Event) throws
    func events() throws -> [Event]

    func insertCase(_ row: CaseRow) throws
    func caseRow(reference: CaseReference) throws -> CaseRow?
    func caseRow(receiptLookup: Digest) throws -> CaseRow?
    func setStage(reference: CaseReference, stage: String, at: Date) throws
    /// The cases whose key is sealed to `recipient`, and whether it was assigned to them.
    func cases(sealedTo recipient: String) throws -> [(summary: CaseSummary, assigned: Bool)]

    func insertSeal(reference: CaseReference, recipient: String, sealed: [UInt8], assigned: Bool, tag: [UInt8]?) throws
    /// A new case's copies of its key, at once (one statement where the engine is a round trip away).
    func insertSeals(reference: CaseReference, _ seals: [(recipient: String, sealed: [UInt8], tag: [UInt8]?)]) throws
    /// The copy of the key sealed to `recipient`, and whether it was sealed by an assignment.
    func seal(reference: CaseReference, recipient: String) throws -> (sealed: [UInt8], assigned: Bool, tag: [UInt8]?)?
    func deleteSeal(reference: CaseReference, recipient: String) throws
    func sealRecipients(reference: CaseReference) throws -> [(recipient: String, assigned: Bool)]
    /// Every case in none of `closedStages`, with who holds its key and its stage history, oldest
    /// first: what reminders read, clear metadata only, in three statements however many cases.
    func heldCases(outside closedStages: [String]) throws -> [HeldCase]
    /// Every case key sealed to `recipient`, for re-sealing when their key changes.
    func seals(recipient: String) throws -> [(reference: CaseReference, sealed: [UInt8])]
    func replaceSeal(reference: CaseReference, recipient: String, sealed: [UInt8]) throws

    /// Stores the record sealed by `seal`, which is given the sequence number the record gets.
    func appendRecord(reference: CaseReference, kind: RecordKind, at: Date, keyEpoch: Int, seal: (UInt64) -> [UInt8]) throws -> UInt64
    /// Each earlier case key, wrapped under its successor, by the successor's epoch.
    func wrappedCaseKeys(reference: CaseReference) throws -> [Int: [UInt8]]
    /// Makes `epoch` the case key's current epoch, keeping the previous key wrapped under it.
    func advanceCaseKey(reference: CaseReference, to epoch: Int, wrappedPrevious: [UInt8]) throws
    /// Says the case key must be replaced before anything more is sealed under it.
    func markCaseKeyStale(reference: CaseReference) throws
    func records(reference: CaseReference) throws -> [StoredRecord]

    func insertAttachment(reference: CaseReference, recordSequence: UInt64, sealedKey: [UInt8], header: [UInt8]) throws
    func insertAttachmentChunk(reference: CaseReference, recordSequence: UInt64, index: Int, chunk: [UInt8]) throws
    /// The sealed key, the stream header and the chunks in order; nil if there is none.
    func attachment(reference: CaseReference, recordSequence: UInt64) throws -> (sealedKey: [UInt8], header: [UInt8], chunks: [[UInt8]])?

    func appendTransition(reference: CaseReference, stage: String, at: Date) throws
    /// Every case alive during the query's period, as summaries see it (clear metadata only).
    func statisticalCases(_ query: StatisticalQuery) throws -> [StatisticalCase]
    /// How many cases were received in each of the half-open ranges.
    func receivedCounts(in ranges: [Range<Date>]) throws -> [Int]
    /// The release ledger: every summary given out, oldest first.
    func summaryReleases() throws -> [StoredRelease]
    func insertSummaryRelease(_ release: StoredRelease) throws
    func transitions(reference: CaseReference) throws -> [StageEntry]

    /// Every case in one of `terminalStages` that retention has not ended (or just `reference`),
    /// with what decides when it may: the clear metadata only.
    func retentionCandidates(terminalStages: [String], reference: CaseReference?) throws -> [RetentionCandidate]
    /// Places (`since`) or lifts (nil) a hold.
    func setHold(reference: CaseReference, since: Date?) throws
    /// Every case not in one of `terminalStages` and not ended: what a new procedure must carry.
    func openCases(terminalStages: [String]) throws -> [CaseSummary]
    /// Ends a case: deletes its seals, records, attachments and wrapped keys, replaces its
    /// receipt lookup with `lookup` (so no receipt finds it), and marks it ended at `at`.
    func shred(reference: CaseReference, at: Date, lookup: Digest) throws

    /// How many entries the audit log has (none: no installation lives in these tables).
    func auditSize() throws -> UInt64
    func auditEntry(at sequence: UInt64) throws -> AuditEntry?
    @discardableResult
    func audit(_ draft: AuditEntryDraft) throws -> AuditEntry
    func auditEntries(caseReference: CaseReference) throws -> [AuditEntry]
    /// Signs a checkpoint of the whole log and keeps it (refusing a history that does not extend
    /// the last one signed).
    func signCheckpoint(key: SigningKeyPair) throws -> SignedNote
    func latestCheckpoint() throws -> SignedNote?
    /// Every kept checkpoint, smallest first, with its cosignatures.
    func checkpoints() throws -> [SignedNote]
    /// The hashes that show the log at `newSize` extends the log at `oldSize` (RFC 9162).
    func consistencyProof(oldSize: UInt64, newSize: UInt64) throws -> [Digest]
    func addCosignature(_ cosigned: SignedNote, witness: NoteVerifierKey) throws
}

/// Opens transactions on a `CaseRepository`.
package protocol CaseStorage: Sendable {
    func write<T>(_ body: (any CaseRepository) throws -> T) throws -> T
    func read<T>(_ body: (any CaseRepository) throws -> T) throws -> T
    /// The log's name in its checkpoints.
    var auditOrigin: String { get }
    /// Verifies the whole log in one read, streaming.
    func verifyAudit(logKey: NoteVerifierKey, witnessKeys: [NoteVerifierKey], held: [SignedNote], remembered: [Checkpoint],
                     progress: (UInt64) -> Void) throws -> AuditVerificationReport
    /// Writes the whole log in the export format, in one read.
    func exportAudit(progress: (UInt64) -> Void, to write: (String) throws -> Void) throws -> UInt64
    /// Removes the copies of deleted rows that the engine keeps after a shredding (SQLite's
    /// WAL; PostgreSQL's dead row versions); false if something still running kept them.
    func removeDeletedCopies() throws -> Bool
    /// Copies every table, as of one moment, into `copy`: an empty SQLite database, whatever
    /// this engine is, so that a backup holds the same kind of file from either.
    func snapshot(into copy: DatabaseQueue) throws
    /// Lets go of the database: files closed, connections ended.
    func close() throws
}
