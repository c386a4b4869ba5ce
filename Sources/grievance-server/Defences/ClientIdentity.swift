import Foundation
import HTTPTypes
import Hummingbird

/// Whom a request comes from, for rate limits only (never logged or stored): the peer's IP
/// address, or, when the peer is a reverse proxy the operator named, the address that proxy
/// reports in `X-Forwarded-For`. Addresses a client writes there itself count for nothing: only
/// the rightmost address not added by a trusted proxy is believed.
struct ClientIdentity: Sendable {
    let trustedProxies: Set<String>

    func key(peer: String?, forwardedFor: String?) -> String {
        let peer = peer ?? "unknown"
        guard trustedProxies.contains(peer), let forwardedFor else { return peer }
        let hops = forwardedFor.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return hops.last(where: { !trustedProxies.contains($0) }) ?? peer
    }

    func key(_ request: Request, _ context: IntakeRequestContext) -> String {
        key(peer: context.remoteAddress?.ipAddress, forwardedFor: request.headers[HTTPField.Name("X-Forwarded-For")!])
    }
}
