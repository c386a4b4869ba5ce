/// When the shell forgets the unlocked keys: after `timeout` without a command. A value type
/// over instants it is given, so a test moves time by hand.
struct IdleLock: Sendable {
    /// Ten minutes: long enough to read a case and think, short enough that a desk left
    /// unattended does not keep a person's keys open for the afternoon.
    static let standardTimeout: Duration = .seconds(600)

    let timeout: Duration
    private(set) var lastActivity: ContinuousClock.Instant

    init(timeout: Duration = standardTimeout, now: ContinuousClock.Instant) {
        self.timeout = timeout
        lastActivity = now
    }

    /// A command finished (or the person unlocked): the idle time starts again from `now`.
    mutating func touch(at now: ContinuousClock.Instant) { lastActivity = now }

    func hasExpired(at now: ContinuousClock.Instant) -> Bool { remaining(at: now) == .zero }

    /// How long the keys may stay unlocked from `now` without another command.
    func remaining(at now: ContinuousClock.Instant) -> Duration {
        let left = timeout - (now - lastActivity)
        return left > .zero ? left : .zero
    }
}
