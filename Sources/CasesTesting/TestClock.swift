import Foundation
import Synchronization

/// A clock a test moves by hand.
public final class TestClock: Sendable {
    private let current: Mutex<Date>

    public init(_ start: Date = ISO8601DateFormatter().date(from: "2027-03-01T09:00:00Z")!) { current = Mutex(start) }

    public var now: Date { current.withLock { $0 } }

    public func advance(days: Double) { current.withLock { $0 = $0.addingTimeInterval(days * 86_400) } }

    /// Whole hours, so that every time stays a whole second: stored to the millisecond, it reads back equal.
    public func advance(hours: Int) { current.withLock { $0 = $0.addingTimeInterval(TimeInterval(hours) * 3600) } }
}
