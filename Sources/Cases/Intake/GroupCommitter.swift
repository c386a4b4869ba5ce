import Dispatch
import Synchronization

/// Commits concurrent operations together: one transaction, one fsync, for all that arrived
/// while the last commit was running. Each caller is answered only after its work is durable.
///
/// No thread of its own: the first caller to find no batch running leads — runs every waiting
/// job, each in a savepoint so that one job's failure touches no other, commits (or, if the
/// commit fails, tries each job alone), wakes the others with their results — then hands the
/// lead to the next waiter, if any, so that no caller serves others for longer than one batch.
final class GroupCommitter<Output: Sendable>: Sendable {
    typealias Work = @Sendable (any CaseRepository) throws -> Output

    /// One caller's work and, once its batch committed, its outcome.
    private final class Job: @unchecked Sendable {
        // @unchecked: `outcome` and `leads` are written before `wake` is signalled and read only
        // after it is waited on; the semaphore orders them.
        let work: Work
        let wake = DispatchSemaphore(value: 0)
        var outcome: Result<Output, any Error>?
        var leads = false

        init(_ work: @escaping Work) { self.work = work }
    }

    private struct Queue {
        var pending: [Job] = []
        var leaderActive = false
    }

    private let queue = Mutex(Queue())

    func submit(to storage: any CaseStorage, _ work: @escaping Work) throws -> Output {
        let job = Job(work)
        let leads = queue.withLock { queue in
            queue.pending.append(job)
            guard !queue.leaderActive else { return false }
            queue.leaderActive = true
            return true
        }
        if !leads {
            job.wake.wait()
            if job.leads { lead(storage) }
        } else {
            lead(storage)
        }
        // A job woken to lead has had its outcome set by the batch it then ran.
        return try job.outcome!.get()
    }

    /// Runs one batch: everything pending now, the leader's own job among it. If the batch as a
    /// whole cannot commit — a job's refusal that could not be logged, the disk refusing the
    /// commit — each job is tried again alone, so that one job's trouble takes no other down.
    /// Only a lock not had within its wait fails them all at once: alone, each would wait again.
    private func lead(_ storage: any CaseStorage) {
        let batch = queue.withLock { queue in
            defer { queue.pending.removeAll() }
            return queue.pending
        }
        do {
            try commit(batch, to: storage)
        } catch let error as CasesError where error.isUnavailable {
            // The lock not had within its wait, the disk full or read-only: alone, each job
            // would meet the same.
            for job in batch { job.outcome = .failure(error) }
        } catch {
            for job in batch {
                do {
                    try commit([job], to: storage)
                } catch {
                    job.outcome = .failure(error)
                }
            }
        }
        let next = queue.withLock { queue -> Job? in
            guard let first = queue.pending.first else {
                queue.leaderActive = false
                return nil
            }
            first.leads = true
            return first
        }
        for job in batch { job.wake.signal() }
        next?.wake.signal()
    }

    /// Runs `jobs` in one transaction, each in a savepoint so that one job's failure undoes only
    /// its own changes; their outcomes count only once the transaction has committed.
    private func commit(_ jobs: [Job], to storage: any CaseStorage) throws {
        let outcomes = try storage.write { repository in
            try jobs.map { job -> Result<Output, any Error> in
                do {
                    return .success(try repository.savepoint { try job.work(repository) })
                } catch let denial as AccessDenial {
                    // The job's changes are rolled back; its refusal is still logged.
                    try repository.audit(denial.entry)
                    return .failure(denial.error)
                } catch let refusal as CasesError {
                    return .failure(refusal)
                } catch {
                    // Not the job's own refusal but the storage's trouble (a full disk, an I/O
                    // error), which SQLite may have answered by undoing the whole transaction:
                    // the batch fails, and each job is tried again alone, where the storage
                    // says what it was.
                    throw error
                }
            }
        }
        for (job, outcome) in zip(jobs, outcomes) { job.outcome = outcome }
    }
}
