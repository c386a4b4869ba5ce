import Foundation
import Hummingbird
import NIOCore

/// Reads request bodies within their limits, checking the content type first.
enum RequestBodies {
    static func json(_ request: Request, context: IntakeRequestContext, within deadline: Duration) async throws(APIError) -> [String: JSONValue] {
        let buffer = try await collect(request, expecting: "application/json", limit: APILimits.jsonBodyBytes, within: deadline)
        return try object(fromJSON: Data(buffer.readableBytesView))
    }

    /// A JSON body as the object every endpoint takes.
    static func object(fromJSON data: Data) throws(APIError) -> [String: JSONValue] {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw .badRequest("the body is not valid JSON")
        }
        guard case .object(let object) = value else { throw .badRequest("the body must be a JSON object") }
        return object
    }

    /// `alsoAccepted` names another type the caller takes, for the 415's message.
    static func form(
        _ request: Request, context: IntakeRequestContext, alsoAccepted: String? = nil, within deadline: Duration
    ) async throws(APIError) -> [(name: String, value: String)] {
        let buffer = try await collect(request, expecting: "application/x-www-form-urlencoded", alsoAccepted: alsoAccepted,
                                       limit: APILimits.formBodyBytes, within: deadline)
        return FormDecoding.pairs(String(buffer: buffer))
    }

    /// The whole body, refused past `limit` bytes or once `deadline` has passed since it began.
    private static func collect(
        _ request: Request, expecting type: String, alsoAccepted: String? = nil, limit: Int, within deadline: Duration
    ) async throws(APIError) -> ByteBuffer {
        let mediaType = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        guard mediaType == type else {
            throw .unsupportedMediaType(alsoAccepted.map { "\(type) or \($0)" } ?? type)
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { throw .tooLarge }
        let end = BodyDeadlines.from(now: deadline)
        var collected = ByteBuffer()
        do {
            for try await chunk in request.body {
                guard ContinuousClock.now < end else { throw APIError.requestTimeout }
                guard collected.readableBytes + chunk.readableBytes <= limit else { throw APIError.tooLarge }
                collected.writeImmutableBuffer(chunk)
            }
        } catch let error as APIError {
            throw error
        } catch {
            throw .badRequest("the body could not be read")
        }
        return collected
    }
}
