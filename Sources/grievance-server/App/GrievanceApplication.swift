import Cases
import Hummingbird
import Logging

/// Builds the HTTP application: routes, middleware and server settings. Kept apart from
/// `ServerCommand` so tests drive the same application in process.
enum GrievanceApplication {
    static func build(
        _ configuration: ServerConfiguration, intake: IntakeService, logger: Logger = defaultLogger
    ) throws -> some ApplicationProtocol {
        let pages = Pages(catalog: try Catalog(), codeOfConduct: try CodeOfConduct(directory: configuration.policies))
        let limits = RateLimits(configuration)
        let router = Router(context: IntakeRequestContext.self)
        // Outermost first: every response, errors included, carries the security headers.
        router.add(middleware: SecurityHeadersMiddleware())
        // Route templates, methods, statuses and durations only (swift-metrics; Prometheus when
        // --metrics-port is given).
        router.add(middleware: MetricsMiddleware())
        let routes = RouteTable()
        router.add(middleware: ErrorResponseMiddleware(pages: pages, routes: routes))
        let deadlines = BodyDeadlines(configuration)
        APIRoutes(intake: intake, limits: limits, deadlines: deadlines).register(on: router, in: routes)
        PageRoutes(intake: intake, pages: pages, limits: limits, deadlines: deadlines,
                   uploads: UploadBudget(configuration)).register(on: router, in: routes)
        return Application(
            router: router,
            server: .http1(configuration: .init(idleTimeout: .milliseconds(Int64(configuration.idleTimeout * 1000)))),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            logger: logger
        )
    }

    static var defaultLogger: Logger {
        var logger = Logger(label: "grievance-server")
        logger.logLevel = .info
        return logger
    }
}
