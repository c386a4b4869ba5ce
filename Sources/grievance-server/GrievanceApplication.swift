import Hummingbird
import Logging

/// Builds the HTTP application: routes, middleware and server settings. Kept apart from
/// `ServerCommand` so tests drive the same application in process.
enum GrievanceApplication {
    static func build(_ configuration: ServerConfiguration) -> some ApplicationProtocol {
        let router = Router()
        router.add(middleware: SecurityHeadersMiddleware())
        router.get("/healthz") { _, _ in "ok\n" }
        router.get("/") { request, _ in
            HTMLResponse(IntakePage.render(language: IntakePage.language(for: request.headers[.acceptLanguage])))
        }
        var logger = Logger(label: "grievance-server")
        logger.logLevel = .info
        return Application(
            router: router,
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port),
                serverName: nil
            ),
            logger: logger
        )
    }
}
