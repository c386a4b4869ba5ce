import Cases
import Foundation

/// What the server needs to start; parsed from the command line by `ServerCommand`.
struct ServerConfiguration: Sendable {
    static let defaultHost = "127.0.0.1"
    static let defaultPort = 8080

    var host = defaultHost
    var port = defaultPort
    /// Where the Code of Conduct texts are (policies/code-of-conduct.LANG.md): `--policies`,
    /// else `SharedFiles`' default.
    var policies = URL(fileURLWithPath: SharedFiles.policies())
    /// Filings per client address: a burst, then one per `filingInterval` seconds. Generous,
    /// because everyone on a congress's wifi may reach us from one address.
    var filingBurst = 30
    var filingInterval = 10.0
    /// Follow-ups per client: a burst, then one per `followUpInterval` seconds.
    var followUpBurst = 20
    var followUpInterval = 6.0
    /// Reverse proxies (IP addresses) whose `X-Forwarded-For` names the client. Empty: the
    /// header is ignored, and every request counts against its peer's address.
    var trustedProxies: Set<String> = []
    /// Seconds a connection may stay silent — before its request's headers are whole, between
    /// the parts of a body, between requests — before it is closed.
    var idleTimeout = 30.0
    /// Seconds a JSON or form body may take to arrive, whole; a form with files has `uploadTimeout`.
    var bodyTimeout = 30.0
    var uploadTimeout = 600.0
    /// Forms with files received at once; more wait their turn, briefly (`UploadBudget`).
    var concurrentUploads = 16
    /// The data directory, whose disk's free space is watched; nil for none.
    var dataDirectory: String?
    /// Below this many megabytes free, filings and replies get `503` until space returns.
    var freeSpaceFloorMegabytes: UInt64 = 256
}
