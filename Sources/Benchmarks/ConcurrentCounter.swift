import Synchronization

/// A count several threads add to.
final class ConcurrentCounter: Sendable {
    private let count = Atomic<Int>(0)

    func increment() { count.wrappingAdd(1, ordering: .relaxed) }

    func store(_ value: Int) { count.store(value, ordering: .relaxed) }

    var value: Int { count.load(ordering: .relaxed) }
}
