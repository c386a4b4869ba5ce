import Hummingbird
import Metrics

/// The two limits every way of filing and following up shares, per client — a person cannot go
/// round the API's limit through the form, or the other way — and the disk's floor under filings.
struct RateLimits: Sendable {
    let filing: RateLimiter
    let followUp: RateLimiter
    let identity: ClientIdentity
    let disk: DiskFloor

    init(_ configuration: ServerConfiguration) {
        disk = DiskFloor(configuration)
        filing = RateLimiter(burst: configuration.filingBurst, interval: configuration.filingInterval)
        followUp = RateLimiter(burst: configuration.followUpBurst, interval: configuration.followUpInterval)
        identity = ClientIdentity(trustedProxies: configuration.trustedProxies)
    }

    /// A filing or a reply: within the client's limit, and with room on the disk.
    func admitFiling(_ request: Request, _ context: IntakeRequestContext) async throws(APIError) {
        try await admit(filing, request, context)
        try disk.admit()
    }

    func admitFollowUp(_ request: Request, _ context: IntakeRequestContext) async throws(APIError) {
        try await admit(followUp, request, context)
    }

    private func admit(_ limiter: RateLimiter, _ request: Request, _ context: IntakeRequestContext) async throws(APIError) {
        if let wait = await limiter.take(identity.key(request, context)) {
            IntakeMetrics.rateLimited.increment()
            throw .rateLimited(retryAfter: wait)
        }
    }
}
