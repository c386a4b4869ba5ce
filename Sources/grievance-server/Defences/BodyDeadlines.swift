/// How long a request's body may take to arrive, whole: a client that trickles it in, a byte
/// now and then, is cut off at the deadline instead of holding a connection and its buffers for
/// as long as it likes. (A client that sends nothing at all is cut off sooner, by the idle
/// timeout.)
struct BodyDeadlines: Sendable {
    /// A JSON request or a form without files.
    let body: Duration
    /// A form with files: up to 50 MB, on a congress's slow wifi.
    let upload: Duration

    init(_ configuration: ServerConfiguration) {
        body = .milliseconds(Int64(configuration.bodyTimeout * 1000))
        upload = .milliseconds(Int64(configuration.uploadTimeout * 1000))
    }

    /// The instant a body that starts arriving now must have arrived by.
    static func from(now duration: Duration) -> ContinuousClock.Instant { ContinuousClock.now.advanced(by: duration) }
}
