import Hummingbird
import Languages
import Logging
import NIOPosix

/// Turns every failure into an answer the client can use: the API's JSON errors under /api/,
/// a page elsewhere, in the client's language. A client's mistake is always a 4xx; only our own
/// failures are 5xx, and they are logged by type alone — never with the request's content.
struct ErrorResponseMiddleware: RouterMiddleware {
    typealias Context = IntakeRequestContext

    let pages: Pages
    let routes: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return try render(error, request: request)
        } catch let error as HTTPError where error.status == .notFound && !routes.methods(for: request.uri.path).isEmpty {
            // The path exists, with other methods.
            let allowed = routes.methods(for: request.uri.path).map(\.rawValue).joined(separator: ", ")
            return try render(APIError(status: .methodNotAllowed, code: "method_not_allowed", message: "this address takes \(allowed)",
                                       headers: [.allow: allowed]), request: request)
        } catch let error as HTTPError {
            let code = error.status == .notFound ? "not_found" : error.status == .methodNotAllowed ? "method_not_allowed" : "bad_request"
            let status = (400..<500).contains(error.status.code) ? error.status : .badRequest
            return try render(APIError(status: status, code: code, message: error.body ?? error.status.reasonPhrase), request: request)
        } catch let error as any HTTPResponseError where (400..<500).contains(error.status.code) {
            return try render(APIError(status: error.status, code: "bad_request", message: error.status.reasonPhrase), request: request)
        } catch is NIOThreadPoolError.ThreadPoolInactive {
            return try render(.unavailable, request: request)
        } catch {
            context.logger.error("request failed", metadata: ["error": .string(String(reflecting: type(of: error)))])
            return try render(.internalError, request: request)
        }
    }

    private func render(_ error: APIError, request: Request) throws -> Response {
        let language = Language.preferred(request)
        if request.uri.path.hasPrefix("/api/") { return try error.response(pages.catalog, language) }
        return pages.error(error, language: language)
    }
}
