import ArgumentParser
import Cases
import Foundation
import Hummingbird
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import UnixSignals

struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grievance-server",
        abstract: "Serve the Grievance intake page, the follow-up page and the JSON API.",
        discussion: """
            Opens a data directory made by `grievance-cli init` (--data-dir, or GRIEVANCE_DATA_DIR, \
            default ./grievance-data). It holds no key that opens a case: filing needs only public \
            keys. Binds to 127.0.0.1 unless told otherwise: put a TLS-terminating reverse proxy in \
            front of it to reach it from elsewhere. Stops gracefully on SIGINT or SIGTERM, finishing \
            the filings in flight.
            """,
        version: GrievanceVersion.current
    )

    @Option(help: "The address to listen on.")
    var host = ServerConfiguration.defaultHost

    @Option(help: "The port to listen on (0 picks a free one).")
    var port = ServerConfiguration.defaultPort

    @Option(name: .customLong("data-dir"), help: ArgumentHelp("The data directory (default: $GRIEVANCE_DATA_DIR, else ./grievance-data).",
                                                              valueName: "DIR"))
    var dataDirectory: String?

    @Option(help: ArgumentHelp("The folder with the Code of Conduct texts, code-of-conduct.LANG.md (default: ./policies when there is one, else share/grievance/policies beside this program's bin/).",
                               valueName: "DIR"))
    var policies: String?

    @Option(help: ArgumentHelp("Filings one client address may make at once; more wait (a whole venue may share one address).",
                               valueName: "N"))
    var filingBurst = ServerConfiguration().filingBurst

    @Option(help: ArgumentHelp("Seconds for a client address to earn one more filing.", valueName: "SECONDS"))
    var filingInterval = ServerConfiguration().filingInterval

    @Option(help: ArgumentHelp("Follow-ups one client address may make at once.", valueName: "N"))
    var followUpBurst = ServerConfiguration().followUpBurst

    @Option(help: ArgumentHelp("Seconds for a client address to earn one more follow-up.", valueName: "SECONDS"))
    var followUpInterval = ServerConfiguration().followUpInterval

    @Option(name: .customLong("trusted-proxy"),
            help: ArgumentHelp("A reverse proxy's IP address whose X-Forwarded-For names the client; repeat for several.", valueName: "IP"))
    var trustedProxies: [String] = []

    @Option(help: ArgumentHelp("Seconds a connection may stay silent — before its headers are whole, within a body, between requests.",
                               valueName: "SECONDS"))
    var idleTimeout = ServerConfiguration().idleTimeout

    @Option(help: ArgumentHelp("Seconds a JSON or form body may take to arrive, whole.", valueName: "SECONDS"))
    var bodyTimeout = ServerConfiguration().bodyTimeout

    @Option(help: ArgumentHelp("Seconds a form with files may take to arrive, whole.", valueName: "SECONDS"))
    var uploadTimeout = ServerConfiguration().uploadTimeout

    @Option(help: ArgumentHelp("Forms with files received at once; one more waits up to half the idle timeout for a place, then gets 503.",
                               valueName: "N"))
    var concurrentUploads = ServerConfiguration().concurrentUploads

    @Option(help: ArgumentHelp("Below this many megabytes free on the data directory's disk, filings and replies get 503 until space returns.",
                               valueName: "MB"))
    var freeSpaceFloor = ServerConfiguration().freeSpaceFloorMegabytes

    @Option(help: ArgumentHelp("Serve Prometheus metrics at http://127.0.0.1:PORT/metrics (loopback only; off unless given).",
                               valueName: "PORT"))
    var metricsPort: Int?

    @Option(name: .customLong("org-key"),
            help: ArgumentHelp("The organisation key (vkey, printed by `grievance-cli init`) in a file the data directory's writers cannot change (default: \(OrganisationKey.installedPath) when it exists).",
                               valueName: "FILE"), completion: .file())
    var organisationKeyFile: String?


    func validate() throws {
        guard (0...65535).contains(port) else {
            throw ValidationError("--port must be between 0 and 65535, not \(port).")
        }
        if let metricsPort, !(1...65535).contains(metricsPort) || metricsPort == port {
            throw ValidationError("--metrics-port must be a port from 1 to 65535, other than --port.")
        }
        guard filingBurst >= 1, followUpBurst >= 1, filingInterval > 0, followUpInterval > 0 else {
            throw ValidationError("bursts must be at least 1 and intervals more than 0 seconds.")
        }
        guard [idleTimeout, bodyTimeout, uploadTimeout].allSatisfy({ $0 > 0 && $0 <= 86_400 }) else {
            throw ValidationError("timeouts must be more than 0 seconds and at most a day.")
        }
        guard (1...1000).contains(concurrentUploads) else {
            throw ValidationError("--concurrent-uploads must be from 1 to 1000.")
        }
    }

    func run() async throws {
        // Before any secret exists in this process.
        guard ProcessSafety.disableCoreDumps() else {
            throw ServerFailure(message: ProcessSafety.refusal, hint: "check the process limits (ulimit -c) and the kernel's ptrace settings")
        }
        let path = dataDirectory ?? ProcessInfo.processInfo.environment["GRIEVANCE_DATA_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "grievance-data"
        let desk: IntakeDesk
        do {
            let pinned = try pinnedOrganisationKey()
            if pinned == nil {
                GrievanceApplication.defaultLogger.warning(
                    "the organisation key is not pinned: trusting the data directory's own copy; give --org-key FILE (or install \(OrganisationKey.installedPath)) so that whoever can write the data directory cannot certify keys")
            }
            desk = try DataDirectory(path: path).openIntakeDesk(organisationKey: pinned)
        } catch let error as DataDirectoryError {
            throw ServerFailure(message: error.description, hint: error.hint)
        } catch let error as PolicyError {
            throw ServerFailure(message: error.description, hint: "correct the procedure in the data directory; `grievance-cli policy check FILE` helps")
        }
        let intake = IntakeService(desk: desk)
        var configuration = ServerConfiguration(host: host, port: port)
        if let policies { configuration.policies = URL(fileURLWithPath: policies) }
        configuration.filingBurst = filingBurst
        configuration.filingInterval = filingInterval
        configuration.followUpBurst = followUpBurst
        configuration.followUpInterval = followUpInterval
        configuration.trustedProxies = Set(trustedProxies)
        configuration.idleTimeout = idleTimeout
        configuration.bodyTimeout = bodyTimeout
        configuration.uploadTimeout = uploadTimeout
        configuration.concurrentUploads = concurrentUploads
        configuration.dataDirectory = path
        configuration.freeSpaceFloorMegabytes = freeSpaceFloor
        let app: any ApplicationProtocol
        do {
            app = try GrievanceApplication.build(configuration, intake: intake)
        } catch let error as CatalogError {
            throw ServerFailure(message: error.description,
                                hint: policies == nil ? "looked in \(SharedFiles.searched()): install with ./scripts/install, or give --policies DIR"
                                                      : "give --policies DIR, the folder with code-of-conduct.en.md")
        }
        var services: [any Service] = [app]
        if let metricsPort {
            let registry = PrometheusCollectorRegistry()
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
            services.append(MetricsApplication.build(registry: registry, port: metricsPort, logger: GrievanceApplication.defaultLogger))
        }
        // SIGTERM or SIGINT: stop accepting, finish the requests in flight (their filings
        // commit), then stop.
        try await ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint],
                                                    logger: GrievanceApplication.defaultLogger)).run()
        try await intake.shutdown()
    }

    /// The organisation key to check certificates against: `--org-key`, else the installed
    /// file when there is one, else none (the data directory's own copy is trusted, and the
    /// server says so).
    private func pinnedOrganisationKey() throws -> OrganisationKey? {
        do {
            return try OrganisationKey.pinned(file: organisationKeyFile)
        } catch {
            throw ServerFailure(message: error.description, hint: "give the file `grievance-cli init` wrote with --org-key-out")
        }
    }
}
