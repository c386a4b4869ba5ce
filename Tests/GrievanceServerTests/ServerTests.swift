import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import grievance_server

@Suite("HTTP server")
struct ServerTests {
    @Test("the health check answers")
    func health() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "ok\n")
            }
        }
        await f.remove()
    }

    @Test("every response, errors included, carries the security headers")
    func securityHeaders() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            for (uri, method) in [("/", HTTPRequest.Method.get), ("/healthz", .get), ("/no-such-page", .get), ("/api/v1/complaints", .post),
                                  ("/follow-up", .get), ("/static/style.css", .get)] {
                try await client.execute(uri: uri, method: method) { response in
                    #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true, "\(uri)")
                    #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true, "\(uri)")
                    #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer", "\(uri)")
                    #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY", "\(uri)")
                    #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(uri)")
                    #expect(response.headers[.cacheControl] == "no-store", "\(uri)")
                }
            }
            try await client.execute(uri: "/no-such-page", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
        await f.remove()
    }

    @Test("the server answers on a real socket")
    func live() async throws {
        let f = try ServerFixture()
        try await f.app().test(.live) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
        await f.remove()
    }
}
