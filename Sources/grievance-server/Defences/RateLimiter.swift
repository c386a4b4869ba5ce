/// Token buckets per client, in memory only: nothing about a client outlives the process.
/// A client may make `burst` requests at once, then one every `interval` seconds. At most
/// `maximumClients` are remembered; past that, those whose buckets have refilled are forgotten
/// (which changes nothing), then the least recently seen — never everyone at once, which would
/// hand every limited client a fresh burst.
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
        if buckets[client] == nil, buckets.count >= maximumClients { makeRoom(now: now) }
        var bucket = buckets[client] ?? (burst, now)
        let elapsed = bucket.updated.duration(to: now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        bucket.tokens = min(burst, bucket.tokens + seconds * perSecond)
        bucket.updated = now
        defer { buckets[client] = bucket }
        guard bucket.tokens >= 1 else { return Int(((1 - bucket.tokens) / perSecond).rounded(.up)) }
        bucket.tokens -= 1
        return nil
    }

    /// How many clients are remembered now.
    var count: Int { buckets.count }

    /// Forgets the clients whose buckets have refilled; if that is not enough, the tenth seen
    /// least recently, so that the next ones need no sorting.
    private func makeRoom(now: ContinuousClock.Instant) {
        let refill = Duration.seconds(burst / perSecond)
        buckets = buckets.filter { $0.value.updated.duration(to: now) < refill }
        guard buckets.count >= maximumClients else { return }
        let oldest = buckets.sorted { $0.value.updated < $1.value.updated }.prefix(max(1, maximumClients / 10))
        for (client, _) in oldest { buckets[client] = nil }
    }
}
