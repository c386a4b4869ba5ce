import Cases
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

    @Test("a method an address does not take is 405 with the methods it Allows; an address that does not exist is 404")
    func methodNotAllowed() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            for (uri, method, allowed) in [("/api/v1/complaints", HTTPRequest.Method.get, "POST"), ("/api/v1/intake-options", .post, "GET"),
                                           ("/follow-up", .delete, "GET, POST"), ("/e/congress-2027", .post, "GET"), ("/healthz", .put, "GET"), ("/", .delete, "GET, POST")] {
                try await client.execute(uri: uri, method: method) { response in
                    #expect(response.status == .methodNotAllowed, "\(method) \(uri)")
                    #expect(response.headers[.allow] == allowed, "\(method) \(uri)")
                }
            }
            try await client.execute(uri: "/api/v1/complaints", method: .get) { response in
                #expect(response.errorCode == "method_not_allowed")
            }
            for uri in ["/api/v1/nothing", "/e", "/e/congress-2027/more", "/static/other.css"] {
                try await client.execute(uri: uri, method: .get) { response in #expect(response.status == .notFound, "\(uri)") }
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

@Suite("A disk nearly full")
struct DiskFloorTests {
    @Test("under the free-space floor a filing and a reply get 503 with Retry-After and nothing is kept; reading a case goes on; above it, filing resumes")
    func floor() async throws {
        var f = try ServerFixture()
        let filed = try f.cases.intake.file(Intake(category: "other", content: ComplaintContent(description: "before the disk filled")))
        f.configuration.dataDirectory = f.cases.dataDirectory.path
        f.configuration.freeSpaceFloorMegabytes = UInt64.max / (1024 * 1024)
        try await f.app().test(.router) { client in
            let refused = try await client.postJSON("/api/v1/complaints", #"{"category": "other", "description": "when the disk is full"}"#)
            #expect(refused.status == .serviceUnavailable)
            #expect(refused.headers[.retryAfter] != nil)
            #expect(refused.errorCode == "unavailable")
            let reply = try await client.postJSON("/api/v1/follow-up/messages", #"{"receipt": "\#(filed.receipt.formatted)", "text": "more"}"#)
            #expect(reply.status == .serviceUnavailable)
            let read = try await client.postJSON("/api/v1/follow-up", #"{"receipt": "\#(filed.receipt.formatted)"}"#)
            #expect(read.status == .ok)
        }
        #expect(try f.casework.list(for: f.unlock("amina")).count == 1)
        f.configuration.freeSpaceFloorMegabytes = 0
        try await f.app().test(.router) { client in
            let accepted = try await client.postJSON("/api/v1/complaints", #"{"category": "other", "description": "space is back"}"#)
            #expect(accepted.status == .created)
        }
        await f.remove()
    }
}
