import Hummingbird
import Logging
import Prometheus

/// The metrics, in the Prometheus text format, on a port of their own bound to 127.0.0.1
/// only: a scraper on the same machine reads them; the internet never sees them.
enum MetricsApplication {
    static func build(registry: PrometheusCollectorRegistry, port: Int, logger: Logger) -> some ApplicationProtocol {
        let router = Router()
        router.get("/metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: nil), logger: logger)
    }
}
