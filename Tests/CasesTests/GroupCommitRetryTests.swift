import AuditLog
@testable import Cases
import CasesTesting
import Foundation
import GRDB
import Synchronization
import Testing

/// A storage whose first write transaction fails as it would commit (a busy lock, a full disk),
/// after running every job of the batch: what the batch did must vanish, and each job must be
/// tried again alone.
private final class FailsOnceStorage: CaseStorage, Sendable {
    let inner: any CaseStorage
    private let failed = Mutex(false)

    init(_ inner: any CaseStorage) { self.inner = inner }

    func write<T>(_ body: (any CaseRepository) throws -> T) throws -> T {
        try inner.write { repository in
            let result = try body(repository)
            if failed.withLock({ failed in defer { failed = true }; return !failed }) {
                throw DatabaseError(resultCode: .SQLITE_IOERR, message: "a commit that failed")
            }
            return result
        }
    }

    func read<T>(_ body: (any CaseRepository) throws -> T) throws -> T { try inner.read(body) }
    var auditOrigin: String { inner.auditOrigin }
    func verifyAudit(logKey: NoteVerifierKey, witnessKeys: [NoteVerifierKey], held: [SignedNote], remembered: [Checkpoint],
                     progress: (UInt64) -> Void) throws -> AuditVerificationReport {
        try inner.verifyAudit(logKey: logKey, witnessKeys: witnessKeys, held: held, remembered: remembered, progress: progress)
    }
    func exportAudit(progress: (UInt64) -> Void, to write: (String) throws -> Void) throws -> UInt64 { try inner.exportAudit(progress: progress, to: write) }
    func removeDeletedCopies() throws -> Bool { try inner.removeDeletedCopies() }
    func snapshot(into copy: DatabaseQueue) throws { try inner.snapshot(into: copy) }
    func close() throws { try inner.close() }
}

@Suite("A batch that cannot commit")
struct GroupCommitRetryTests {
    @Test("its jobs are tried again one by one: every caller is answered with success, and each job's change is there once")
    func retriedAlone() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let storage = FailsOnceStorage(f.installation.storage)
        let committer = GroupCommitter<Int>()
        let answers = Mutex<[Result<Int, any Error>]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            let outcome = Result { try committer.submit(to: storage) { repository in
                try repository.setSetting("retry-test-\(index)", [UInt8(index)])
                return index
            } }
            answers.withLock { $0.append(outcome) }
        }
        let results = answers.withLock { $0 }
        #expect(results.count == 8)
        #expect(Set(results.compactMap { try? $0.get() }) == Set(0..<8), "\(results)")
        let stored = try f.raw.value("SELECT COUNT(*) AS n FROM settings WHERE key LIKE 'retry-test-%'")?.integer
        #expect(stored == 8)
    }
}
