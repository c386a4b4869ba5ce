import Hummingbird
import Logging
import NIOPosix

/// Turns every failure into an answer the client can use: the API's JSON errors under /api/,
/// a plain page elsewhere. A client's mistake is always a 4xx; only our own failures are 5xx,
/// and they are logged by type alone — never with the request's content.
struct ErrorResponseMiddleware: RouterMiddleware {
    typealias Context = IntakeRequestContext

    let pages: Pages

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return try render(error, request: request, context: context)
        } catch let error as HTTPError {
            let code = error.status == .notFound ? "not_found" : error.status == .methodNotAllowed ? "method_not_allowed" : "bad_request"
            let status = (400..<500).contains(error.status.code) ? error.status : .badRequest
            return try render(APIError(status: status, code: code, message: error.body ?? error.status.reasonPhrase), request: request, context: context)
        } catch let error as any HTTPResponseError where (400..<500).contains(error.status.code) {
            return try render(APIError(status: error.status, code: "bad_request", message: error.status.reasonPhrase), request: request, context: context)
        } catch is NIOThreadPoolError.ThreadPoolInactive {
            return try render(.unavailable, request: request, context: context)
        } catch {
            context.logger.error("request failed", metadata: ["error": .string(String(reflecting: type(of: error)))])
            return try render(APIError(status: .internalServerError, code: "internal",
                                       message: "something went wrong on our side; nothing you sent was kept"),
                              request: request, context: context)
        }
    }

    private func render(_ error: APIError, request: Request, context: Context) throws -> Response {
        if request.uri.path.hasPrefix("/api/") { return try error.response(from: request, context: context) }
        return pages.error(error, language: Language.preferred(request))
    }
}
