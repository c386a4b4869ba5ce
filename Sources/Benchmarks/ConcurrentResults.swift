import Synchronization

/// Results set from several threads, one slot each, read once all are in.
final class ConcurrentResults<T: Sendable>: Sendable {
    private let slots: Mutex<[Result<T, any Error>?]>

    init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }

    func set(_ index: Int, _ result: Result<T, any Error>) { slots.withLock { $0[index] = result } }

    func values() throws -> [T] { try slots.withLock { $0 }.map { try $0!.get() } }
}
