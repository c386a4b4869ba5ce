import HTTPTypes
import Synchronization
import Testing

@testable import grievance_server

@Suite("The upload budget: places taken in turn, a bounded wait")
struct UploadBudgetTests {
    /// An upload that holds its place until told to let go.
    private final class Holder: Sendable {
        let release = AsyncStream<Void>.makeStream()
        func hold() async { for await _ in release.stream { return } }
        func letGo() { release.continuation.yield() }
    }

    /// What ran, in order, and the most that were ever inside at once.
    private final class Journal: Sendable {
        private let state = Mutex<(entries: [String], inside: Int, most: Int)>(([], 0, 0))
        func enter(_ name: String) { state.withLock { $0.entries.append("\(name) in"); $0.inside += 1; $0.most = max($0.most, $0.inside) } }
        func leave(_ name: String) { state.withLock { $0.entries.append("\(name) out"); $0.inside -= 1 } }
        var entries: [String] { state.withLock { $0.entries } }
        var most: Int { state.withLock { $0.most } }
    }

    @Test("with one place, the second waits until the first is done, then runs; never two at once")
    func inTurn() async throws {
        let places = Places(count: 1)
        let journal = Journal()
        let first = Holder()
        async let a: Void = places.withPlace(within: .seconds(10)) {
            journal.enter("a")
            await first.hold()
            journal.leave("a")
        }
        // Let `a` take the place before `b` asks for it.
        while journal.entries.isEmpty { try await Task.sleep(for: .milliseconds(5)) }
        async let b: Void = places.withPlace(within: .seconds(10)) {
            journal.enter("b")
            journal.leave("b")
        }
        try await Task.sleep(for: .milliseconds(100))
        #expect(journal.entries == ["a in"], "b ran while a held the only place")
        first.letGo()
        _ = try await (a, b)
        #expect(journal.entries == ["a in", "a out", "b in", "b out"])
        #expect(journal.most == 1)
    }

    @Test("one that finds no place within its wait is refused with 503, and the place is still there for the next")
    func refusedAfterTheWait() async throws {
        let places = Places(count: 1)
        let holder = Holder()
        let journal = Journal()
        async let held: Void = places.withPlace(within: .seconds(10)) {
            journal.enter("held")
            await holder.hold()
        }
        while journal.entries.isEmpty { try await Task.sleep(for: .milliseconds(5)) }
        let clock = ContinuousClock()
        let began = clock.now
        await #expect {
            try await places.withPlace(within: .milliseconds(200)) { Issue.record("ran without a place") }
        } throws: { error in
            (error as? APIError)?.status == .serviceUnavailable && (error as? APIError)?.headers[.retryAfter] != nil
        }
        #expect(clock.now - began >= .milliseconds(200))
        holder.letGo()
        try await held
        // The refused one took nothing: the place is free again.
        let ran = try await places.withPlace(within: .milliseconds(200)) { true }
        #expect(ran)
    }
}
