import Cases
import CasesTesting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Languages
import Testing
import Yams

@testable import grievance_server

@Suite("docs/openapi.yaml and the server agree")
struct OpenAPITests {
    static var document: [String: Any] {
        let url = CasesFixture.policies.deletingLastPathComponent().appendingPathComponent("docs/openapi.yaml")
        return normalised((try? Yams.load(yaml: String(contentsOf: url, encoding: .utf8))) as Any) as? [String: Any] ?? [:]
    }

    /// Yams gives mappings keyed by AnyHashable: string keys make them easy to walk.
    private static func normalised(_ value: Any) -> Any {
        if let mapping = value as? [AnyHashable: Any] {
            return Dictionary(uniqueKeysWithValues: mapping.map { ("\($0.key.base)", normalised($0.value)) })
        }
        if let sequence = value as? [Any] { return sequence.map(normalised) }
        return value
    }

    static var paths: [String: [String: Any]] { document["paths"] as? [String: [String: Any]] ?? [:] }

    static func schema(_ name: String) -> [String: Any] {
        ((document["components"] as? [String: Any])?["schemas"] as? [String: Any])?[name] as? [String: Any] ?? [:]
    }

    static func statuses(_ method: String, _ path: String) -> Set<Int> {
        Set(((paths[path]?[method] as? [String: Any])?["responses"] as? [String: Any] ?? [:]).keys.compactMap { Int($0) })
    }

    @Test("the document lists exactly the server's endpoints, and each is routed")
    func endpoints() async throws {
        #expect(Self.document["openapi"] as? String == "3.1.0")
        let documented = Set(Self.paths.flatMap { path, operations in operations.keys.map { "\($0) \(path)" } })
        #expect(documented == Set(APIRoutes.endpoints.map { "\($0.method) \($0.path)" }))
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            for (method, path) in APIRoutes.endpoints {
                let response = method == "get"
                    ? try await client.execute(uri: path, method: .get)
                    : try await client.postJSON(path, "{}")
                #expect(response.status != .notFound && response.status != .methodNotAllowed, "\(method) \(path) is not routed")
                #expect(Self.statuses(method, path).contains(Int(response.status.code)), "\(method) \(path) answered \(response.status.code), undocumented")
            }
        }
        await f.remove()
    }

    @Test("a complaint's fields and required fields are the ones the server reads")
    func complaintSchema() {
        let complaint = Self.schema("Complaint")
        #expect(Set((complaint["properties"] as? [String: Any])?.keys.map { $0 } ?? []) == ComplaintSubmission.fields)
        #expect(complaint["required"] as? [String] == ["category", "description"])
        #expect(complaint["additionalProperties"] as? Bool == false)
        #expect(Set((Self.schema("Reply")["properties"] as? [String: Any])?.keys.map { $0 } ?? []) == ["receipt", "text"])
    }

    @Test("the document states the limits the server enforces, so a client built from it foresees every refusal")
    func statedLimits() {
        let complaint = (Self.schema("Complaint")["properties"] as? [String: [String: Any]]) ?? [:]
        for field in ["description", "occurred", "location", "respondent", "witnesses", "reporter_name", "reporter_contact"] {
            #expect(complaint[field]?["maxLength"] as? Int == IntakeLimits.textBytes, "\(field)")
        }
        #expect(complaint["description"]?["pattern"] as? String == IntakeLimits.notBlankPattern)
        // The pattern finds a scalar in exactly the texts Cases does not call blank.
        // Swift's regex refuses the range U+2000–U+200A however it is written, and `\uXXXX`:
        // the range is spelled out and each scalar stands for itself.
        let swiftPattern = IntakeLimits.notBlankPattern
            .replacing(#"\u2000-\u200A"#, with: String(String.UnicodeScalarView((0x2000...0x200A).compactMap(Unicode.Scalar.init))))
            .replacing(/\\u([0-9A-F]{4})/) { String(Unicode.Scalar(UInt32($0.1, radix: 16)!)!) }
        let notBlank = try! Regex(swiftPattern)
        for value in Array(0...0x3100) + [0xFEFF, 0x1F600] {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(scalar)
            #expect((text.firstMatch(of: notBlank) != nil) == !IntakeLimits.isBlank(text), "U+\(String(value, radix: 16))")
        }
        // Clear columns hold fixed lists only: the document states each, the server's catalogues are the languages.
        #expect((complaint["gender"]?["enum"] as? [Any])?.compactMap { $0 as? String } == ReporterGender.allCases.map(\.rawValue))
        #expect((complaint["language"]?["enum"] as? [Any])?.compactMap { $0 as? String } == IntakeLimits.languages)
        #expect(Language.allCases.map(\.rawValue) == IntakeLimits.languages)
        #expect(complaint["exclude_handlers"]?["maxItems"] as? Int == IntakeLimits.excluded)
        #expect(complaint["category"]?["enum"] as? [String] == CasesFixture.shippedProcedure.categories.map(\.id))
        #expect((complaint["respondent_role"]?["enum"] as? [Any])?.compactMap { $0 as? String } == RespondentRole.allCases.map(\.rawValue))
        #expect((complaint["region"]?["enum"] as? [Any])?.compactMap { $0 as? String } == Region.allCases.map(\.rawValue))
        let reply = (Self.schema("Reply")["properties"] as? [String: [String: Any]]) ?? [:]
        #expect(reply["text"]?["maxLength"] as? Int == IntakeLimits.textBytes)
        #expect(reply["text"]?["pattern"] as? String == IntakeLimits.notBlankPattern)
        // The receipt's pattern takes what the server reads, and refuses what it refuses.
        let pattern = try! Regex((Self.schema("ReceiptOnly")["properties"] as? [String: [String: Any]])?["receipt"]?["pattern"] as? String ?? "")
        for text in ["ABCDE-FGHJK-MNPQR-STVWX", "abcde fghjk mnpqr stvwx", "ABCDEFGHJKMNPQRSTVWX"] {
            #expect(text.wholeMatch(of: pattern) != nil && (try? Receipt(parsing: text)) != nil, "\(text)")
        }
        for text in ["ABCDE-FGHJK-MNPQR-STVW", "ABCDE-FGHJK-MNPQR-STVWXY", "ABCDE-FGHJK-MNPQR-STVW!", "ABCDE-FGHJK-MNPQR-STVWU"] {
            #expect(text.wholeMatch(of: pattern) == nil && (try? Receipt(parsing: text)) == nil, "\(text)")
        }
    }

    @Test("every status the tests see from an endpoint is documented for it")
    func statuses() async throws {
        let f = try ServerFixture(filingBurst: 5, followUpBurst: 7)
        try await f.app().test(.router) { client in
            var seen: [String: Set<Int>] = [:]
            func note(_ path: String, _ response: TestResponse) { seen[path, default: []].insert(Int(response.status.code)) }
            let complaints = "/api/v1/complaints"
            note(complaints, try await client.postJSON(complaints, #"{"category": "other", "description": "x"}"#))
            note(complaints, try await client.postJSON(complaints, "{"))
            note(complaints, try await client.postJSON(complaints, "{}"))
            note(complaints, try await client.execute(uri: complaints, method: .post, headers: [.contentType: "text/plain"], body: ByteBuffer(string: "{}")))
            note(complaints, try await client.postJSON(complaints, String(repeating: " ", count: APILimits.jsonBodyBytes + 1)))
            note(complaints, try await client.postJSON(complaints, "{}"))
            for path in ["/api/v1/follow-up", "/api/v1/follow-up/messages"] {
                let known = path.hasSuffix("messages") ? #", "text": "x""# : ""
                note(path, try await client.postJSON(path, #"{"receipt": "00000-00000-00000-00000"\#(known)}"#))
                note(path, try await client.postJSON(path, "{"))
                note(path, try await client.postJSON(path, "{}"))
                note(path, try await client.postJSON(path, "{}"))
            }
            for (path, codes) in seen {
                #expect(codes.isSubset(of: Self.statuses("post", path)), "\(path): \(codes.subtracting(Self.statuses("post", path))) undocumented")
            }
            #expect(seen[complaints] == [201, 400, 413, 415, 422, 429])
            #expect(seen["/api/v1/follow-up"] == [400, 404, 422])
            #expect(seen["/api/v1/follow-up/messages"] == [400, 404, 422, 429])
        }
        await f.remove()
    }
}
