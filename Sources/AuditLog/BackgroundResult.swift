import Dispatch

/// Work started on another core now, whose result is waited for later.
///
/// `@unchecked Sendable`: `value` is written once by the worker before it signals, and read
/// only after `wait()` has seen that signal, which orders the two.
final class BackgroundResult<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var value: Value?

    init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global(qos: .userInitiated).async {
            self.value = work()
            self.done.signal()
        }
    }

    func wait() -> Value {
        done.wait()
        return value!
    }
}
