import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import grievance_server

@Suite("Whom a rate limit counts: the peer, or the client a trusted proxy names")
struct ClientIdentityTests {
    @Test("X-Forwarded-For counts only from a trusted proxy, and only its rightmost untrusted address")
    func rule() {
        let none = ClientIdentity(trustedProxies: [])
        #expect(none.key(peer: "203.0.113.9", forwardedFor: "198.51.100.1") == "203.0.113.9")
        let proxy = ClientIdentity(trustedProxies: ["10.0.0.2", "10.0.0.3"])
        #expect(proxy.key(peer: "10.0.0.2", forwardedFor: "198.51.100.1") == "198.51.100.1")
        // A client that writes its own header cannot choose its bucket: the proxy appends the
        // address it saw, and that is the one believed.
        #expect(proxy.key(peer: "10.0.0.2", forwardedFor: "1.2.3.4, 198.51.100.1") == "198.51.100.1")
        // Through two trusted proxies.
        #expect(proxy.key(peer: "10.0.0.2", forwardedFor: "198.51.100.1, 10.0.0.3") == "198.51.100.1")
        #expect(proxy.key(peer: "10.0.0.2", forwardedFor: nil) == "10.0.0.2")
        #expect(proxy.key(peer: "10.0.0.2", forwardedFor: " , ") == "10.0.0.2")
        #expect(proxy.key(peer: "203.0.113.9", forwardedFor: "198.51.100.1") == "203.0.113.9")
        #expect(proxy.key(peer: nil, forwardedFor: "198.51.100.1") == "unknown")
    }

    @Test("on a real socket behind a trusted proxy, each client has its own limit; untrusted, the header changes nothing")
    func live() async throws {
        var f = try ServerFixture(filingBurst: 1)
        f.configuration.trustedProxies = ["127.0.0.1"]
        let body = #"{"category": "other", "description": "behind a proxy"}"#
        try await f.app().test(.live) { client in
            var statuses: [HTTPResponse.Status] = []
            for address in ["198.51.100.1", "198.51.100.2", "198.51.100.1"] {
                statuses.append(try await client.postJSON("/api/v1/complaints", body, headers: [HTTPField.Name("X-Forwarded-For")!: address]).status)
            }
            #expect(statuses == [.created, .created, .tooManyRequests])
        }
        var untrusted = try ServerFixture(filingBurst: 1)
        untrusted.configuration.trustedProxies = []
        try await untrusted.app().test(.live) { client in
            var statuses: [HTTPResponse.Status] = []
            for address in ["198.51.100.1", "198.51.100.2"] {
                statuses.append(try await client.postJSON("/api/v1/complaints", body, headers: [HTTPField.Name("X-Forwarded-For")!: address]).status)
            }
            #expect(statuses == [.created, .tooManyRequests])
        }
        await f.remove()
        await untrusted.remove()
    }
}

@Suite("Rate limits that cannot be got round")
struct RateLimitTests {
    @Test("an IPv6 client counts by its /64; an IPv4 address written as IPv6 counts as itself")
    func buckets() {
        #expect(ClientIdentity.bucket("2001:db8:1:2::1") == "2001:db8:1:2::/64")
        #expect(ClientIdentity.bucket("2001:db8:1:2:ffff:eeee:dddd:cccc") == "2001:db8:1:2::/64")
        #expect(ClientIdentity.bucket("2001:db8:1:3::1") == "2001:db8:1:3::/64")
        #expect(ClientIdentity.bucket("::ffff:198.51.100.7") == "198.51.100.7")
        #expect(ClientIdentity.bucket("198.51.100.7") == "198.51.100.7")
        #expect(ClientIdentity.bucket("::1") == "0:0:0:0::/64")
        #expect(ClientIdentity.bucket("not an address") == "not an address")
        let proxy = ClientIdentity(trustedProxies: ["10.0.0.2"])
        #expect(proxy.key(peer: "10.0.0.2", forwardedFor: "2001:db8:aa:bb::17") == proxy.key(peer: "10.0.0.2", forwardedFor: "2001:db8:aa:bb::99"))
    }

    @Test("a flood of new addresses does not free a limited client: the least recently seen are forgotten, not everyone")
    func flood() async {
        let limiter = RateLimiter(burst: 1, interval: 3600, maximumClients: 100)
        #expect(await limiter.take("victim-of-a-limit") == nil)
        #expect(await limiter.take("victim-of-a-limit") != nil)
        for index in 0..<1000 {
            _ = await limiter.take("flood-\(index)")
            if index % 50 == 0 { _ = await limiter.take("victim-of-a-limit") }
        }
        #expect(await limiter.count <= 100)
        #expect(await limiter.take("victim-of-a-limit") != nil, "a flood of addresses reset the limit of a client still seen")
    }
}
