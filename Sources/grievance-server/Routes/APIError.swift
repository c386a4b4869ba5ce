import Cases
import Foundation
import HTTPTypes
import Hummingbird
import Languages

/// Every error a client sees: a 4xx status and `{"error": {"code", "message", "fields"?}}`.
/// The code is for programs; the message and each field's problem are for people, rendered by
/// `ErrorResponseMiddleware` in the client's language (field problems from the catalogues).
struct APIError: Error {
    let status: HTTPResponse.Status
    let code: String
    /// For a client's mistake that no form can make (a malformed body): said in English, for
    /// whoever writes the client.
    var message: String = ""
    var fields: [FieldProblem] = []
    var headers: HTTPFields = [:]

    static func badRequest(_ message: String) -> Self { Self(status: .badRequest, code: "bad_request", message: message) }
    static func invalid(_ problems: [FieldProblem]) -> Self { Self(status: .unprocessableContent, code: "invalid_fields", fields: problems) }
    static func invalid(_ problem: FieldProblem) -> Self { invalid([problem]) }
    static func unsupportedMediaType(_ expected: String) -> Self {
        Self(status: .unsupportedMediaType, code: "unsupported_media_type", message: "send the body as \(expected)")
    }
    static let tooLarge = Self(status: .contentTooLarge, code: "too_large", message: "the request body is too large")
    static let requestTimeout = Self(status: .requestTimeout, code: "request_timeout", message: "the request body took too long to arrive")
    /// A file over the limit: the body is too large because of that field.
    static func fileTooLarge(_ problem: FieldProblem) -> Self { Self(status: .contentTooLarge, code: "too_large", fields: [problem]) }
    static func rateLimited(retryAfter seconds: Int) -> Self {
        Self(status: .tooManyRequests, code: "rate_limited", message: "too many requests; try again in \(seconds) seconds",
             headers: [.retryAfter: String(seconds)])
    }
    static let unknownReceipt = Self(status: .notFound, code: "unknown_receipt",
                                     message: "no case matches this receipt; check the 20 letters and digits")
    static let notFound = Self(status: .notFound, code: "not_found", message: "there is nothing here")
    static let unavailable = Self(status: .serviceUnavailable, code: "unavailable", message: "the service cannot take this now; try again shortly",
                                  headers: [.retryAfter: "5"])
    static let internalError = Self(status: .internalServerError, code: "internal", message: "something went wrong on our side; nothing you sent was kept")

    /// The JSON answer, field problems said in `language`.
    func response(_ catalog: Catalog, _ language: Language) throws -> Response {
        let problems = fields.map { APIErrorBody.Field(field: $0.field, message: $0.message(catalog, language)) }
        let text = problems.isEmpty ? message : problems.map { "\($0.field): \($0.message)" }.joined(separator: "; ")
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        let body = APIErrorBody(error: .init(code: code, message: text, fields: problems.isEmpty ? nil : problems))
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try CasesJSON.encode(body, pretty: false))))
    }
}
