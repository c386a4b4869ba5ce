import Foundation
import Hummingbird
import NIOCore

/// Reads request bodies within their limits, checking the content type first.
enum RequestBodies {
    static func json(_ request: Request, context: IntakeRequestContext) async throws(APIError) -> [String: JSONValue] {
        let buffer = try await collect(request, expecting: "application/json", limit: APILimits.jsonBodyBytes)
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: Data(buffer.readableBytesView))
        } catch {
            throw .badRequest("the body is not valid JSON")
        }
        guard case .object(let object) = value else { throw .badRequest("the body must be a JSON object") }
        return object
    }

    /// `alsoAccepted` names another type the caller takes, for the 415's message.
    static func form(
        _ request: Request, context: IntakeRequestContext, alsoAccepted: String? = nil
    ) async throws(APIError) -> [(name: String, value: String)] {
        let buffer = try await collect(request, expecting: "application/x-www-form-urlencoded", alsoAccepted: alsoAccepted,
                                       limit: APILimits.formBodyBytes)
        return FormDecoding.pairs(String(buffer: buffer))
    }

    private static func collect(
        _ request: Request, expecting type: String, alsoAccepted: String? = nil, limit: Int
    ) async throws(APIError) -> ByteBuffer {
        let mediaType = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        guard mediaType == type else {
            throw .unsupportedMediaType(alsoAccepted.map { "\(type) or \($0)" } ?? type)
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { throw .tooLarge }
        do {
            return try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw .tooLarge
        } catch {
            throw .badRequest("the body could not be read")
        }
    }
}
