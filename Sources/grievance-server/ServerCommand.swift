import ArgumentParser
import Cases
import GrievanceCrypto
import Hummingbird

@main
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grievance-server",
        abstract: "Serve the Grievance intake page and JSON API.",
        discussion: """
            Binds to 127.0.0.1 unless told otherwise: put a TLS-terminating reverse proxy in front \
            of it to reach it from elsewhere. Stops gracefully on SIGINT or SIGTERM.
            """,
        version: GrievanceVersion.current
    )

    @Option(help: "The address to listen on.")
    var host = ServerConfiguration.defaultHost

    @Option(help: "The port to listen on (0 picks a free one).")
    var port = ServerConfiguration.defaultPort

    func validate() throws {
        guard (0...65535).contains(port) else {
            throw ValidationError("--port must be between 0 and 65535, not \(port).")
        }
    }

    func run() async throws {
        // Before any secret exists in this process.
        ProcessHardening.disableCoreDumps()
        let app = GrievanceApplication.build(ServerConfiguration(host: host, port: port))
        try await app.runService()
    }
}
