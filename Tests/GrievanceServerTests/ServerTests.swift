import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import grievance_server

@Suite("HTTP server")
struct ServerTests {
    static var app: some ApplicationProtocol {
        GrievanceApplication.build(ServerConfiguration(host: "127.0.0.1", port: 0))
    }

    @Test("the health check answers")
    func health() async throws {
        try await Self.app.test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "ok\n")
            }
        }
    }

    @Test("the intake page is HTML in the reader's language, small and self-contained")
    func intakePage() async throws {
        try await Self.app.test(.router) { client in
            for (header, lang, title) in [("ru-RU,ru;q=0.9", "ru", "Сообщить"), ("es", "es", "Informar"),
                                          ("fr-CA, en;q=0.5", "fr", "Signaler"), ("de, en;q=0.5", "en", "Report"), (nil, "en", "Report")] {
                var headers: HTTPFields = [:]
                if let header { headers[.acceptLanguage] = header }
                try await client.execute(uri: "/", method: .get, headers: headers) { response in
                    let body = String(buffer: response.body)
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                    #expect(body.contains("<html lang=\"\(lang)\">"), "\(header ?? "no header")")
                    #expect(body.contains(title))
                    #expect(response.body.readableBytes < 30_000)
                    #expect(!body.contains("http://") && !body.contains("https://") && !body.contains("<script"))
                }
            }
        }
    }

    @Test("every response, errors included, carries the security headers")
    func securityHeaders() async throws {
        try await Self.app.test(.router) { client in
            for uri in ["/", "/healthz", "/no-such-page"] {
                try await client.execute(uri: uri, method: .get) { response in
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
    }

    @Test("the server answers on a real socket")
    func live() async throws {
        try await Self.app.test(.live) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }
}
