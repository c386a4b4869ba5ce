import HTTPTypes
import Hummingbird
import Synchronization

/// The paths the server answers and the methods each takes. Every route is added through here,
/// so that a request for a known path with another method is answered `405 Method Not Allowed`
/// with the methods it `Allow`s, rather than a `404` that says the path does not exist.
final class RouteTable: Sendable {
    private let routes = Mutex<[(segments: [Substring], method: HTTPRequest.Method)]>([])

    /// Adds `handler` to `router` for `path` (`:name` matches one segment) and `method`.
    func on<Output: ResponseGenerator>(
        _ router: Router<IntakeRequestContext>, _ path: String, _ method: HTTPRequest.Method,
        _ handler: @escaping @Sendable (Request, IntakeRequestContext) async throws -> Output
    ) {
        router.on(RouterPath(path), method: method, use: handler)
        routes.withLock { $0.append((Self.segments(path), method)) }
    }

    /// The methods `path` is answered for, in the order they were added; empty for an unknown path.
    func methods(for path: String) -> [HTTPRequest.Method] {
        let requested = Self.segments(path)
        return routes.withLock { routes in
            routes.filter { route in
                route.segments.count == requested.count
                    && zip(route.segments, requested).allSatisfy { pattern, segment in pattern.hasPrefix(":") || pattern == segment }
            }.map(\.method)
        }
    }

    private static func segments(_ path: String) -> [Substring] { path.split(separator: "/", omittingEmptySubsequences: true) }
}
