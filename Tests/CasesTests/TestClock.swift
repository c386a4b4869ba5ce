import Foundation
import Synchronization

/// A clock the test moves by hand.
final class TestClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = ISO8601DateFormatter().date(from: "2027-03-01T09:00:00Z")!) { current = Mutex(start) }

    var now: Date { current.withLock { $0 } }

    func advance(days: Double) { current.withLock { $0 = $0.addingTimeInterval(days * 86_400) } }
}
