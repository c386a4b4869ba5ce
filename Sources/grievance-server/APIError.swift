import Foundation
import HTTPTypes
import Hummingbird

/// Every error a client sees: a 4xx status and `{"error": {"code", "message", "fields"?}}`.
/// The message is for people; the code is for programs; `fields` names each invalid field.
struct APIError: Error, HTTPResponseError {
    struct FieldProblem: Sendable, Hashable {
        let field: String
        let message: String
    }

    let status: HTTPResponse.Status
    let code: String
    let message: String
    var fields: [FieldProblem] = []
    var headers: HTTPFields = [:]

    static func badRequest(_ message: String) -> Self { Self(status: .badRequest, code: "bad_request", message: message) }
    static func invalid(_ problems: [FieldProblem]) -> Self {
        Self(status: .unprocessableContent, code: "invalid_fields",
             message: problems.map { "\($0.field): \($0.message)" }.joined(separator: "; "), fields: problems)
    }
    static func invalid(_ field: String, _ message: String) -> Self { invalid([FieldProblem(field: field, message: message)]) }
    static func unsupportedMediaType(_ expected: String) -> Self {
        Self(status: .unsupportedMediaType, code: "unsupported_media_type", message: "send the body as \(expected)")
    }
    static let tooLarge = Self(status: .contentTooLarge, code: "too_large", message: "the request body is too large")
    static func rateLimited(retryAfter seconds: Int) -> Self {
        Self(status: .tooManyRequests, code: "rate_limited", message: "too many requests; try again in \(seconds) seconds",
             headers: [.retryAfter: String(seconds)])
    }
    static let unknownReceipt = Self(status: .notFound, code: "unknown_receipt",
                                     message: "no case matches this receipt; check the 20 letters and digits")
    static let notFound = Self(status: .notFound, code: "not_found", message: "there is nothing here")
    static let unavailable = Self(status: .serviceUnavailable, code: "unavailable", message: "the service cannot take this now; try again shortly")

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var error: [String: Any] = ["code": code, "message": message]
        if !fields.isEmpty { error["fields"] = fields.map { ["field": $0.field, "message": $0.message] } }
        let data = try JSONSerialization.data(withJSONObject: ["error": error], options: [.sortedKeys, .withoutEscapingSlashes])
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
