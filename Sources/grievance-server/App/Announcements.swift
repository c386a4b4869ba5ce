import Cases
import Logging
import Synchronization

/// Tells the safeguarding leads of a new urgent or safeguarding case at once: after its filing
/// committed, and apart from the answer to the reporter, which never waits for the command. A
/// command that fails or overstays its time costs a log line, never the filing. At most `limit`
/// commands run at once — a flood of urgent reports starts no flood of processes — and the rest
/// wait their turn, in order. Shutdown waits for those in flight, each bounded by its timeout.
final class Announcements: Sendable {
    private struct State {
        var running = 0
        var waiting: [CheckedContinuation<Void, Never>] = []
        var pending = 0
        var idle: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())
    private let limit: Int

    init(limit: Int = 4) { self.limit = limit }

    /// Sends `notifications` in the background; returns at once.
    func announce(_ notifications: [Notification], through intake: IntakeService, logger: Logger) {
        guard !notifications.isEmpty else { return }
        state.withLock { $0.pending += 1 }
        Task {
            await acquire()
            await Self.deliver(notifications, through: intake, logger: logger)
            release()
            finish()
        }
    }

    /// Returns once every announcement made so far has been sent, or has failed.
    func drain() async {
        await withCheckedContinuation { continuation in
            let done = state.withLock { state in
                if state.pending == 0 { return true }
                state.idle.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }

    private static func deliver(_ notifications: [Notification], through intake: IntakeService, logger: Logger) async {
        let notifier: Notifier?
        do {
            // Read afresh, and its signature checked, each time: `notify set` needs no restart.
            notifier = try await intake.run { try $0.notifier() }
        } catch {
            logger.error("notification not sent", metadata: ["kind": "new-case", "problem": .string("\(error)")])
            return
        }
        guard let notifier else {
            logger.notice("notification not sent: no notification command is set (grievance-cli notify set)", metadata: ["kind": "new-case"])
            return
        }
        for outcome in await notifier.send(notifications) where !outcome.isDelivered {
            logger.error("notification failed", metadata: ["kind": "new-case", "to": .string(outcome.notification.recipient),
                                                           "problem": .string(outcome.failure.map(String.init(describing:)) ?? "")])
        }
    }

    private func acquire() async {
        await withCheckedContinuation { continuation in
            let go = state.withLock { state in
                guard state.running < limit else {
                    state.waiting.append(continuation)
                    return false
                }
                state.running += 1
                return true
            }
            if go { continuation.resume() }
        }
    }

    /// Hands this place to the next in line, or gives it up.
    private func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiting.isEmpty else {
                state.running -= 1
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }

    private func finish() {
        let idle = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.pending -= 1
            guard state.pending == 0 else { return [] }
            defer { state.idle.removeAll() }
            return state.idle
        }
        for continuation in idle { continuation.resume() }
    }
}
