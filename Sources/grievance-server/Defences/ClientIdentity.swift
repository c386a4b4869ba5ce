import Foundation
import HTTPTypes
import Hummingbird

#if canImport(Glibc)
import Glibc
#endif

/// Whom a request comes from, for rate limits only (never logged or stored): the peer's IP
/// address, or, when the peer is a reverse proxy the operator named, the address that proxy
/// reports in `X-Forwarded-For`. Addresses a client writes there itself count for nothing: only
/// the rightmost address not added by a trusted proxy is believed. An IPv6 client counts by its
/// /64, the network one subscriber is given, so it cannot take a fresh limit by moving to
/// another of its own addresses.
struct ClientIdentity: Sendable {
    let trustedProxies: Set<String>

    func key(peer: String?, forwardedFor: String?) -> String {
        let peer = peer ?? "unknown"
        guard trustedProxies.contains(peer), let forwardedFor else { return Self.bucket(peer) }
        let hops = forwardedFor.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return Self.bucket(hops.last(where: { !trustedProxies.contains($0) }) ?? peer)
    }

    func key(_ request: Request, _ context: IntakeRequestContext) -> String {
        key(peer: context.remoteAddress?.ipAddress, forwardedFor: request.headers[HTTPField.Name("X-Forwarded-For")!])
    }

    /// The client an address counts as: an IPv4 address itself (also when written as IPv6,
    /// `::ffff:a.b.c.d`), an IPv6 address its /64, anything else as it is.
    static func bucket(_ address: String) -> String {
        var bytes = [UInt8](repeating: 0, count: 16)
        guard address.contains(":"), inet_pton(AF_INET6, address, &bytes) == 1 else { return address }
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
            return bytes[12...].map(String.init).joined(separator: ".")
        }
        let groups = stride(from: 0, to: 8, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
        return groups.joined(separator: ":") + "::/64"
    }
}
