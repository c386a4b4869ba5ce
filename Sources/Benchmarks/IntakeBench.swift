import ArgumentParser
import Cases
import Foundation
import CasesTesting

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Filing over real HTTP on loopback, through the real grievance-server, beside Cases filing
/// directly in the same run: what the HTTP layer costs.
struct IntakeBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intake",
        abstract: "Intake over HTTP: durable filings per second and latency, beside Cases filing directly.",
        discussion: """
            Starts grievance-server (beside this executable) on a free port of 127.0.0.1 over a \
            scratch data directory, and posts complaints to /api/v1/complaints from concurrent \
            clients, each waiting for its 201 — which the server sends only once the filing is \
            committed with synchronous=FULL. Cases filing directly, with as many threads, is \
            measured first on the same data directory.
            """
    )

    @Option(help: "The folder of the Code of Conduct texts, for the server.")
    var policies = "policies"

    @Option(help: "Concurrent clients, each with one request in flight.")
    var clients = 16

    @Option(help: "Seconds per round of load.")
    var seconds = 2.0

    @OptionGroup var options: BenchOptions

    static let body = Data("""
        {"category": "harassment", "region": "africa", "language": "en", "description": "\(String(repeating: "What happened, in the reporter's words. ", count: 25))",
         "respondent": "A delegate", "reporter_name": "A participant", "reporter_contact": "someone@example.org", "contact_consent": {"email": true}}
        """.utf8)

    func run() throws {
        try options.withScratchDirectory(run(in:))
    }

    private func run(in directory: URL) throws {
        print("grievance-bench intake — \(MachineDescription.current())")
        print("\(clients) concurrent clients; each filing sealed to 4 handlers, the recovery key and the reporter; WAL, synchronous=FULL\n")
        let fixture = try CasesFixture(roster: CasesBench.roster, events: [], clock: TestClock(Date()), in: directory)
        let dataDirectory = fixture.dataDirectory
        let service = fixture.intake
        let intake = Intake(category: "harassment", region: .africa, language: "en", content: ComplaintContent(
            description: String(repeating: "What happened, in the reporter's words. ", count: 25),
            respondent: "A delegate", reporterName: "A participant", reporterContact: "someone@example.org", contactConsent: ["email": true]))

        // Cases alone, as many threads as clients.
        var directRates: [Double] = []
        var directCPU: [Double] = []
        var filedDirectly = 0
        for _ in 0..<3 {
            let counts = ConcurrentCounter()
            let cpuBefore = ProcessCPU.current()
            let elapsed = Self.load(threads: clients, seconds: seconds) { _ = try! service.file(intake); counts.increment() }
            directRates.append(Double(counts.value) / elapsed)
            directCPU.append((ProcessCPU.current() - cpuBefore) / Double(max(counts.value, 1)))
            filedDirectly += counts.value
        }

        // The same through HTTP: the real server, a client per thread, keep-alive connections.
        let server = try BenchServer(dataDirectory: dataDirectory, policies: policies)
        defer { server.stop() }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = clients
        let session = URLSession(configuration: configuration)
        let request = {
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)/api/v1/complaints")!)
            request.httpMethod = "POST"
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Self.body
            return request
        }()
        var httpRates: [Double] = []
        var serverCPU: [Double] = []
        var clientCPU: [Double] = []
        let latencies = LatencyRecorder()
        let accepted = ConcurrentCounter()
        for _ in 0..<3 {
            let counts = ConcurrentCounter()
            let serverBefore = ProcessCPU.of(pid: server.process.processIdentifier) ?? 0
            let clientBefore = ProcessCPU.current()
            let elapsed = Self.load(threads: clients, seconds: seconds) {
                let started = DispatchTime.now().uptimeNanoseconds
                if Self.send(request, on: session) == 201 {
                    latencies.record(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
                    counts.increment()
                    accepted.increment()
                } else {
                    latencies.fail()
                }
            }
            httpRates.append(Double(counts.value) / elapsed)
            serverCPU.append(((ProcessCPU.of(pid: server.process.processIdentifier) ?? 0) - serverBefore) / Double(max(counts.value, 1)))
            clientCPU.append((ProcessCPU.current() - clientBefore) / Double(max(counts.value, 1)))
        }
        server.stop()

        let direct = PairedComparison.median(directRates)
        let http = PairedComparison.median(httpRates)
        let milliseconds = { (seconds: Double) in String(format: "%.2f ms", seconds * 1000) }
        print("| filing, \(clients) concurrent | filings/s (median of 3) | p50 | p99 | CPU per filing |\n|---|---:|---:|---:|---:|")
        print("| Cases directly (baseline) | \(ComparisonResult.format(direct)) | | | \(milliseconds(PairedComparison.median(directCPU))) |")
        print("| over HTTP, 201 after commit | \(ComparisonResult.format(http)) | \(String(format: "%.1f ms", latencies.percentile(0.5) * 1000)) "
              + "| \(String(format: "%.1f ms", latencies.percentile(0.99) * 1000)) | \(milliseconds(PairedComparison.median(serverCPU))) in the server, "
              + "\(milliseconds(PairedComparison.median(clientCPU))) in the load generator |")
        print("\nHTTP / direct: \(String(format: "%.2f", http / direct)) in filings/s (the load generator shares the cores); "
              + "\(String(format: "%.2f", PairedComparison.median(directCPU) / PairedComparison.median(serverCPU))) in CPU per filing. "
              + "Failed requests: \(latencies.failed)")

        // Every 201 is a case on disk.
        let onDisk = try fixture.casework.list(for: fixture["handler-1"]).count
        print("cases on disk: \(onDisk) = \(filedDirectly) filed directly + \(accepted.value) accepted over HTTP: "
              + (onDisk == filedDirectly + accepted.value ? "ok" : "MISMATCH"))
        if options.check && (onDisk != filedDirectly + accepted.value || latencies.failed > 0) { throw ExitCode(1) }
    }

    /// Runs `work` in a loop on `threads` threads for `seconds`; returns the seconds it took.
    static func load(threads: Int, seconds: Double, _ work: @escaping @Sendable () -> Void) -> Double {
        let started = DispatchTime.now().uptimeNanoseconds
        let group = DispatchGroup()
        for _ in 0..<threads {
            group.enter()
            Thread {
                while Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 < seconds { work() }
                group.leave()
            }.start()
        }
        group.wait()
        return Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    }

    /// One request, waited for; the status, or 0 when the connection failed.
    static func send(_ request: URLRequest, on session: URLSession) -> Int {
        let done = DispatchSemaphore(value: 0)
        let status = ConcurrentCounter()
        session.dataTask(with: request) { _, response, _ in
            status.store((response as? HTTPURLResponse)?.statusCode ?? 0)
            done.signal()
        }.resume()
        done.wait()
        return status.value
    }
}
