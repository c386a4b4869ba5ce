import Cases
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import grievance_server

@Suite("JSON API")
struct APITests {
    @Test("a complaint is filed, sealed to the routed handler, and nothing of it is in clear on disk or in the logs")
    func file() async throws {
        let f = try ServerFixture()
        let marker = "APIMARK-\(UUID().uuidString)"
        let filed = try await f.app().test(.router) { client in
            let response = try await client.postJSON("/api/v1/complaints", """
                {"category": "harassment", "description": "\(marker) what happened", "event": "congress-2027", "respondent": "\(marker)-r",
                 "respondent_role": "participant", "region": "africa", "reporter_name": "\(marker)-n", "reporter_contact": "\(marker)@example.org",
                 "contact_consent": {"email": true, "phone": false}, "gender": "woman", "language": "fr", "urgent": false,
                 "exclude_handlers": ["sofia"], "occurred": "yesterday", "location": "hall", "witnesses": "\(marker)-w"}
                """)
            #expect(response.status == .created)
            #expect(response.json["stage"] as? String == "received")
            return (response.json["reference"] as? String ?? "", response.json["receipt"] as? String ?? "")
        }
        let (text, receipt) = filed
        #expect(text.hasPrefix("GRV-"))
        let reference = try CaseReference(parsing: text)
        #expect(receipt.count == 23)
        let view = try f.casework.show(reference, as: f.unlock("amina"))
        #expect(view.complaint.description == "\(marker) what happened")
        #expect(view.complaint.contactConsent == ["email": true, "phone": false])
        #expect(view.summary.event == "congress-2027")
        #expect(view.summary.language == "fr")
        #expect(!view.keyHolders.contains("sofia"))
        for (name, bytes) in try f.filesOnDisk() {
            #expect(bytes.range(of: Data(marker.utf8)) == nil, "\(marker) in \(name)")
            #expect(bytes.range(of: Data(receipt.utf8)) == nil, "receipt in \(name)")
        }
        #expect(f.logs.all.contains("complaint filed"))
        #expect(!f.logs.all.contains(marker))
        #expect(!f.logs.all.contains(receipt))
        #expect(!f.logs.all.contains("127.0.0.1"))
        await f.remove()
    }

    @Test("validation names every field at fault: 422 with the fields, nothing filed")
    func validation() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            let cases: [(String, [String])] = [
                (#"{}"#, ["category", "description"]),
                (#"{"category": "harassment", "description": "   "}"#, ["description"]),
                (#"{"category": 5, "description": true, "urgent": "yes", "zzz": 1}"#, ["category", "description", "urgent", "zzz"]),
                (#"{"category": "harassment", "description": "x", "contact_consent": {"email": "yes"}}"#, ["contact_consent"]),
                (#"{"category": "harassment", "description": "x", "exclude_handlers": "sofia"}"#, ["exclude_handlers"]),
                (#"{"category": "harassment", "description": "x", "respondent_role": "boss", "region": "mars"}"#, ["respondent_role", "region"]),
                (#"{"category": "no-such-category", "description": "x"}"#, ["category"]),
                (#"{"category": "harassment", "description": "x", "event": "no-such-event"}"#, ["event"]),
                (#"{"category": "harassment", "description": "\#(String(repeating: "x", count: 20_001))"}"#, ["description"]),
                (#"{"category": "harassment", "description": "x", "language": "\#(String(repeating: "e", count: 40))"}"#, ["language"]),
                // A language the page does not speak, even a well-formed tag: the column is a fixed list.
                (#"{"category": "harassment", "description": "x", "language": "pt-BR"}"#, ["language"]),
                (#"{"category": "harassment", "description": "x", "language": "fr!"}"#, ["language"]),
                (#"{"category": "harassment", "description": "x", "language": ""}"#, ["language"]),
                (#"{"category": "harassment", "description": "x", "language": "EN"}"#, ["language"]),
                // Only people the intake page names can be kept away: not a stranger, not the administrator.
                (#"{"category": "harassment", "description": "x", "exclude_handlers": ["sofia", "nobody-here"]}"#, ["exclude_handlers"]),
                (#"{"category": "harassment", "description": "x", "exclude_handlers": ["admin"]}"#, ["exclude_handlers"]),
                // Gender is a fixed list: words of the reporter's own could name them.
                (#"{"category": "harassment", "description": "x", "gender": "woman from the Nairobi delegation"}"#, ["gender"]),
                (#"{"category": "harassment", "description": "x", "gender": "Woman"}"#, ["gender"]),
            ]
            for (body, fields) in cases {
                let response = try await client.postJSON("/api/v1/complaints", body)
                #expect(response.status == .unprocessableContent, "\(body.prefix(80))")
                #expect(response.errorCode == "invalid_fields")
                #expect(Set(response.errorFields) == Set(fields), "\(body.prefix(80)): \(response.errorFields)")
            }
        }
        #expect(try f.casework.list(for: f.unlock("amina")).isEmpty)
        try await f.app().test(.router) { client in
            for (language, gender) in zip(IntakeLimits.languages, ReporterGender.allCases.map(\.rawValue)) {
                let response = try await client.postJSON("/api/v1/complaints", #"""
                    {"category": "harassment", "description": "x", "language": "\#(language)", "exclude_handlers": ["bruno", "sofia"],
                     "gender": "\#(gender)"}
                    """#)
                #expect(response.status == .created, "\(language): \(response.errorFields)")
            }
        }
        await f.remove()
    }

    @Test("malformed, mistyped and oversized bodies: 400, 415, 413 — never a 5xx")
    func badBodies() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            var response = try await client.postJSON("/api/v1/complaints", "{not json")
            #expect(response.status == .badRequest)
            #expect(response.errorCode == "bad_request")
            response = try await client.postJSON("/api/v1/complaints", "[1, 2]")
            #expect(response.status == .badRequest)
            response = try await client.execute(uri: "/api/v1/complaints", method: .post, headers: [.contentType: "text/plain"],
                                                body: ByteBuffer(string: "{}"))
            #expect(response.status == .unsupportedMediaType)
            #expect(response.errorCode == "unsupported_media_type")
            response = try await client.execute(uri: "/api/v1/complaints", method: .post, body: ByteBuffer(string: "{}"))
            #expect(response.status == .unsupportedMediaType)
            response = try await client.postJSON("/api/v1/complaints", #"{"description": ""# + String(repeating: "a", count: APILimits.jsonBodyBytes) + #""}"#)
            #expect(response.status == .contentTooLarge)
            #expect(response.errorCode == "too_large")
            response = try await client.execute(uri: "/api/v1/complaints", method: .get)
            #expect(response.status == .notFound || response.status == .methodNotAllowed)
            #expect(response.errorCode != nil)
        }
        await f.remove()
    }

    @Test("follow-up: the stage and the messages, never notes; replies reach the case; wrong receipts are refused alike")
    func followUp() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            let filed = try await client.postJSON("/api/v1/complaints", #"{"category": "harassment", "description": "follow me"}"#).json
            let reference = try CaseReference(parsing: try #require(filed["reference"] as? String))
            let receipt = try #require(filed["receipt"] as? String)
            let amina = f.unlock("amina")
            try f.casework.messageReporter(reference, text: "We have your report.", by: amina)
            try f.casework.addNote(reference, text: "NOTE-never-for-reporter", by: amina)

            var response = try await client.postJSON("/api/v1/follow-up", #"{"receipt": "\#(receipt.lowercased())"}"#)
            #expect(response.status == .ok)
            #expect(response.json["stage"] as? String == "received")
            #expect(response.json["reference"] as? String == reference.rawValue)
            let messages = response.json["messages"] as? [[String: Any]] ?? []
            #expect(messages.map { $0["text"] as? String } == ["We have your report."])
            #expect(messages.first?["from"] as? String == "handler")
            #expect(!response.text.contains("NOTE-never-for-reporter"))

            response = try await client.postJSON("/api/v1/follow-up/messages", #"{"receipt": "\#(receipt)", "text": "Thank you. One more thing."}"#)
            #expect(response.status == .created)
            #expect((response.json["messages"] as? [[String: Any]])?.last?["from"] as? String == "reporter")
            #expect(try f.casework.show(reference, as: amina).records.contains { $0.text == "Thank you. One more thing." })

            let unknown = Receipt.generate().formatted
            response = try await client.postJSON("/api/v1/follow-up", #"{"receipt": "\#(unknown)"}"#)
            #expect(response.status == .notFound)
            #expect(response.errorCode == "unknown_receipt")
            response = try await client.postJSON("/api/v1/follow-up/messages", #"{"receipt": "\#(unknown)", "text": "hello"}"#)
            #expect(response.status == .notFound)
            for body in [#"{"receipt": "ABC"}"#, #"{"receipt": 12}"#, #"{}"#, #"{"receipt": "\#(receipt)", "extra": 1}"#] {
                response = try await client.postJSON("/api/v1/follow-up", body)
                #expect(response.status == .unprocessableContent, "\(body)")
            }
            response = try await client.postJSON("/api/v1/follow-up/messages", #"{"receipt": "\#(receipt)", "text": ""}"#)
            #expect(response.status == .unprocessableContent)
            #expect(response.errorFields == ["text"])
            #expect(!f.logs.all.contains(receipt))
        }
        await f.remove()
    }

    @Test("intake options: events, categories, languages and the handlers a reporter may exclude")
    func options() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            let response = try await client.execute(uri: "/api/v1/intake-options", method: .get)
            #expect(response.status == .ok)
            #expect((response.json["events"] as? [[String: Any]])?.first?["slug"] as? String == "congress-2027")
            #expect((response.json["categories"] as? [[String: Any]])?.count == 11)
            #expect(response.json["languages"] as? [String] == ["en", "ru", "es", "fr", "pt", "hi", "ne", "bn", "ur", "sw", "th", "id", "kk", "ky", "uz", "ar"])
            // The administrator, the executive and the auditor read no case, so there is no one to exclude there.
            #expect((response.json["handlers"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["amina", "ana", "bruno", "ivan", "sofia"])
        }
        await f.remove()
    }

    @Test("rate limits: a burst, then 429 with Retry-After, per client, for filing and follow-up apart")
    func rateLimits() async throws {
        let f = try ServerFixture(filingBurst: 2, followUpBurst: 3)
        try await f.app().test(.router) { client in
            let body = #"{"category": "other", "description": "rate"}"#
            #expect(try await client.postJSON("/api/v1/complaints", body).status == .created)
            #expect(try await client.postJSON("/api/v1/complaints", body).status == .created)
            let limited = try await client.postJSON("/api/v1/complaints", body)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.errorCode == "rate_limited")
            #expect(Int(limited.headers[.retryAfter] ?? "") ?? 0 > 0)
            // The form shares the API's limit: the same person cannot go round it.
            let form = try await client.postForm("/complaints", [("category", "other"), ("description", "rate")])
            #expect(form.status == .tooManyRequests)
            for _ in 0..<3 { #expect(try await client.postJSON("/api/v1/follow-up", #"{"receipt": "ABC"}"#).status == .unprocessableContent) }
            #expect(try await client.postJSON("/api/v1/follow-up", #"{"receipt": "ABC"}"#).status == .tooManyRequests)
        }
        await f.remove()
    }

    @Test("nothing a client sends yields a 5xx: random bodies, types, methods and paths")
    func noServerErrors() async throws {
        let f = try ServerFixture(filingBurst: 10_000, followUpBurst: 10_000)
        let paths = ["/api/v1/complaints", "/api/v1/follow-up", "/api/v1/follow-up/messages", "/api/v1/intake-options", "/complaints",
                     "/follow-up", "/", "/e/congress-2027", "/e/%00", "/api/v1/../../etc/passwd", "/static/style.css", "/healthz"]
        let types = ["application/json", "application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x", ""]
        let bodies = ["", "{", "{}", "null", "[]", "\"x\"", #"{"category": null, "description": null}"#, #"{"receipt": null}"#,
                      "category=harassment&description=%ZZ", "receipt=%E0%A4%A", String(repeating: "%", count: 1000),
                      #"{"category": "harassment", "description": "x", "contact_consent": []}"#, "\u{0}\u{1}\u{2}"]
        try await f.app().test(.router) { client in
            var generator = SystemRandomNumberGenerator()
            for _ in 0..<300 {
                let path = paths.randomElement(using: &generator)!
                let method: HTTPRequest.Method = [.get, .post, .put, .delete, .patch].randomElement(using: &generator)!
                var headers: HTTPFields = [:]
                let type = types.randomElement(using: &generator)!
                if !type.isEmpty { headers[.contentType] = type }
                let body = bodies.randomElement(using: &generator)!
                let response = try await client.execute(uri: path, method: method, headers: headers, body: ByteBuffer(string: body))
                #expect(response.status.code < 500, "\(method) \(path) \(type) \(body.prefix(40)) → \(response.status)")
            }
        }
        await f.remove()
    }
}
