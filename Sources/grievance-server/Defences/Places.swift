import Metrics

/// A number of places, taken in turn: who finds none waits, first come first served, for at
/// most a given time. `UploadBudget` holds two.
actor Places {
    let count: Int
    private var taken = 0
    private var waiting: [(ticket: UInt64, admit: CheckedContinuation<Bool, Never>)] = []
    private var nextTicket: UInt64 = 0

    init(count: Int) { self.count = count }

    /// Runs `body` in a place; `APIError.unavailable` (503, Retry-After) if none is free within `wait`.
    func withPlace<T: Sendable>(within wait: Duration, _ body: @Sendable () async throws -> T) async throws -> T {
        guard await enter(within: wait) else {
            IntakeMetrics.uploadsTurnedAway.increment()
            throw APIError.unavailable
        }
        defer { leave() }
        return try await body()
    }

    private func enter(within wait: Duration) async -> Bool {
        if taken < count {
            taken += 1
            return true
        }
        let ticket = nextTicket
        nextTicket += 1
        let expiry = Task {
            try? await Task.sleep(for: wait)
            self.expire(ticket)
        }
        defer { expiry.cancel() }
        return await withCheckedContinuation { waiting.append((ticket, $0)) }
    }

    private func expire(_ ticket: UInt64) {
        guard let index = waiting.firstIndex(where: { $0.ticket == ticket }) else { return }
        waiting.remove(at: index).admit.resume(returning: false)
    }

    /// A place freed goes straight to whoever has waited longest, if anyone.
    private func leave() {
        if waiting.isEmpty {
            taken -= 1
        } else {
            waiting.removeFirst().admit.resume(returning: true)
        }
    }
}
