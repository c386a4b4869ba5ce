import Hummingbird

/// The baseline of `grievance-bench intake`: Hummingbird alone, on the same settings as the
/// server, answering a posted body with `201` and a small JSON — the HTTP layer without Cases,
/// so the bench can say what the framework itself costs in CPU per request and resident memory.
/// Logs "listening on 127.0.0.1:PORT" as grievance-server does; `--port 0` (the default) picks a
/// free port.
@main
struct BaselineServer {
    static func main() async throws {
        let arguments = CommandLine.arguments
        let port = arguments.firstIndex(of: "--port").flatMap { arguments.indices.contains($0 + 1) ? Int(arguments[$0 + 1]) : nil } ?? 0
        let router = Router()
        router.post("/api/v1/complaints") { request, context -> Response in
            let body = try await request.body.collect(upTo: 256 * 1024)
            return Response(status: .created, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: "{\"received\":\(body.readableBytes)}")))
        }
        let app = Application(
            router: router,
            server: .http1(configuration: .init(idleTimeout: .seconds(30))),
            configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: nil)
        )
        try await app.runService()
    }
}
