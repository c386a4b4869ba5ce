/// Token buckets per client, in memory only: nothing about a client outlives the process.
/// A client may make `burst` requests at once, then one every `interval` seconds.
actor RateLimiter {
    private let burst: Double
    private let perSecond: Double
    private let maximumClients: Int
    private var buckets: [String: (tokens: Double, updated: ContinuousClock.Instant)] = [:]
    private let clock = ContinuousClock()

    init(burst: Int, interval: Double, maximumClients: Int = 100_000) {
        self.burst = Double(burst)
        perSecond = 1 / interval
        self.maximumClients = maximumClients
    }

    /// Takes a token for `client`; nil if allowed, else the whole seconds until one is free.
    func take(_ client: String) -> Int? {
        let now = clock.now
        var bucket = buckets[client] ?? (burst, now)
        let elapsed = bucket.updated.duration(to: now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        bucket.tokens = min(burst, bucket.tokens + seconds * perSecond)
        bucket.updated = now
        guard bucket.tokens >= 1 else {
            buckets[client] = bucket
            return Int(((1 - bucket.tokens) / perSecond).rounded(.up))
        }
        bucket.tokens -= 1
        if buckets.count >= maximumClients, buckets[client] == nil { forgetIdleClients(now: now) }
        buckets[client] = bucket
        return nil
    }

    /// Drops the clients whose buckets have refilled: forgetting them changes nothing.
    private func forgetIdleClients(now: ContinuousClock.Instant) {
        let refill = Duration.seconds(burst / perSecond)
        buckets = buckets.filter { $0.value.updated.duration(to: now) < refill }
        if buckets.count >= maximumClients { buckets.removeAll() }
    }
}
