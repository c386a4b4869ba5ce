import Hummingbird
import NIOCore

/// The request context: Hummingbird's, plus the peer's address, used for rate limits only
/// (it is never logged or stored; see `ClientIdentity`).
struct IntakeRequestContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// JSON bodies are small: a complaint's texts are bounded by Cases at 20 kB each.
    var maxUploadSize: Int { APILimits.jsonBodyBytes }
}
