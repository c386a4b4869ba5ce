import ArgumentParser
import Cases
import Foundation
import CasesTesting

/// Filing over real HTTP on loopback, through the real grievance-server driven by `wrk`, beside
/// Cases filing directly in the same run: what the HTTP layer costs, in CPU per filing above all,
/// since the load generator shares the machine's cores with the server.
struct IntakeBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intake",
        abstract: "Intake over HTTP (wrk): durable filings per second, latency and CPU per filing, beside Cases filing directly.",
        discussion: """
            Starts grievance-server (beside this executable) on a free port of 127.0.0.1 over a \
            scratch data directory and measures its resident memory once idle. Then, each round: \
            Cases files directly from 16 threads; wrk (Debian's) posts complaints to \
            /api/v1/complaints over each number of --connections, counting the 201s, which the \
            server sends only once a filing is committed with synchronous=FULL. Reports the median \
            of the rounds, and the server's CPU per filing against Cases' own. Needs wrk on PATH.
            """
    )

    /// Targets: HTTP may cost at most this much CPU per filing over Cases directly, and the idle
    /// server hold at most this much resident memory.
    static let cpuRatioTarget = 1.25
    static let idleResidentTargetMB = 30.0

    @Option(help: "The folder of the Code of Conduct texts, for the server.")
    var policies = "policies"

    @Option(parsing: .upToNextOption, help: "Connections for wrk, one figure each.")
    var connections = [16, 64]

    @Option(help: "Threads filing through Cases directly.")
    var threads = 16

    @Option(help: "Seconds per round of each load.")
    var seconds = 5

    @OptionGroup var options: BenchOptions

    static let body = Data("""
        {"category": "harassment", "region": "africa", "language": "en", "description": "\(String(repeating: "What happened, in the reporter's words. ", count: 25))",
         "respondent": "A delegate", "reporter_name": "A participant", "reporter_contact": "someone@example.org", "contact_consent": {"email": true}}
        """.utf8)

    func validate() throws {
        guard !connections.isEmpty, connections.allSatisfy({ $0 >= 2 }) else { throw ValidationError("--connections takes numbers of at least 2 (wrk runs two threads).") }
        guard seconds >= 1, threads >= 1 else { throw ValidationError("--seconds and --threads must be at least 1.") }
    }

    func run() throws {
        try options.withScratchDirectory(run(in:))
    }

    private func run(in directory: URL) throws {
        print("grievance-bench intake — \(MachineDescription.current())")
        print("each filing sealed to 4 handlers, the recovery key and the reporter; WAL, synchronous=FULL; \(options.rounds) rounds of \(seconds) s\n")
        let fixture = try CasesFixture(roster: CasesBench.roster, events: [], clock: TestClock(Date()), in: directory)
        let service = fixture.intake
        let intake = Intake(category: "harassment", region: .africa, language: "en", content: ComplaintContent(
            description: String(repeating: "What happened, in the reporter's words. ", count: 25),
            respondent: "A delegate", reporterName: "A participant", reporterContact: "someone@example.org", contactConsent: ["email": true]))
        let wrk = try Wrk(body: Self.body, in: directory)
        let server = try BenchServer(dataDirectory: fixture.dataDirectory, policies: policies)
        defer { server.stop() }
        let pid = server.process.processIdentifier
        let baseline = try BenchServer(executable: "grievance-bench-baseline-server", in: directory, arguments: ["--port", "0"])
        defer { baseline.stop() }

        // Idle: started and left alone for a second; then a second of requests to warm up.
        Thread.sleep(forTimeInterval: 1)
        let idleMB = Double(BenchServer.residentKiB(pid: pid) ?? 0) / 1024
        let idleAnonymousMB = Double(BenchServer.anonymousKiB(pid: pid) ?? 0) / 1024
        let baselineIdleMB = Double(BenchServer.residentKiB(pid: baseline.process.processIdentifier) ?? 0) / 1024
        let baselineAnonymousMB = Double(BenchServer.anonymousKiB(pid: baseline.process.processIdentifier) ?? 0) / 1024
        let warmUp = try wrk.run(port: server.port, connections: 2, seconds: 1)
        _ = try wrk.run(port: baseline.port, connections: 2, seconds: 1)

        var direct: [(rate: Double, cpu: Double)] = []
        var http: [Int: [(run: Wrk.Run, cpu: Double)]] = [:]
        var bare: [Int: [(run: Wrk.Run, cpu: Double)]] = [:]
        var filedDirectly = 0
        for _ in 0..<options.rounds {
            let counts = ConcurrentCounter()
            let cpuBefore = ProcessCPU.current()
            let elapsed = Self.load(threads: threads, seconds: Double(seconds)) { _ = try! service.file(intake); counts.increment() }
            direct.append((Double(counts.value) / elapsed, (ProcessCPU.current() - cpuBefore) / Double(max(counts.value, 1))))
            filedDirectly += counts.value
            for count in connections {
                let before = ProcessCPU.of(pid: pid) ?? 0
                let run = try wrk.run(port: server.port, connections: count, seconds: seconds)
                http[count, default: []].append((run, ((ProcessCPU.of(pid: pid) ?? 0) - before) / Double(max(run.created, 1))))
                let bareBefore = ProcessCPU.of(pid: baseline.process.processIdentifier) ?? 0
                let bareRun = try wrk.run(port: baseline.port, connections: count, seconds: seconds)
                bare[count, default: []].append((bareRun, ((ProcessCPU.of(pid: baseline.process.processIdentifier) ?? 0) - bareBefore)
                                                    / Double(max(bareRun.created, 1))))
            }
        }
        let peakMB = Double(BenchServer.peakResidentKiB(pid: pid) ?? 0) / 1024
        Thread.sleep(forTimeInterval: 2)
        let idleAfterMB = Double(BenchServer.residentKiB(pid: pid) ?? 0) / 1024
        let idleAfterAnonymousMB = Double(BenchServer.anonymousKiB(pid: pid) ?? 0) / 1024
        server.stop()
        baseline.stop()

        let median = PairedComparison.median
        let ms = { (seconds: Double) in String(format: "%.2f ms", seconds * 1000) }
        let directCPU = median(direct.map(\.cpu))
        print("| filing | durable filings/s | p50 | p99 | CPU per filing | CPU / Cases directly |\n|---|---:|---:|---:|---:|---:|")
        print("| Cases directly, \(threads) threads (baseline) | \(ComparisonResult.format(median(direct.map(\.rate)))) | | | \(ms(directCPU)) | 1.00 |")
        var ratios: [Double] = []
        var failures = 0
        var acceptedOverHTTP = 0
        for count in connections {
            let runs = http[count] ?? []
            let cpu = median(runs.map(\.cpu))
            ratios.append(cpu / directCPU)
            failures += runs.reduce(0) { $0 + $1.run.otherStatuses + $1.run.socketErrors }
            acceptedOverHTTP += runs.reduce(0) { $0 + $1.run.created }
            print("| over HTTP, wrk \(count) connections | \(ComparisonResult.format(median(runs.map { Double($0.run.created) / $0.run.seconds }))) "
                  + "| \(ms(median(runs.map(\.run.p50)))) | \(ms(median(runs.map(\.run.p99)))) | \(ms(cpu)) in the server "
                  + "| \(String(format: "%.2f", cpu / directCPU)) |")
        }
        for count in connections {
            let runs = bare[count] ?? []
            print("| HTTP alone (Hummingbird answering 201, no Cases), wrk \(count) connections "
                  + "| \(ComparisonResult.format(median(runs.map { Double($0.run.created) / $0.run.seconds }))) requests/s "
                  + "| \(ms(median(runs.map(\.run.p50)))) | \(ms(median(runs.map(\.run.p99)))) | \(ms(median(runs.map(\.cpu)))) | |")
        }
        let worst = ratios.max() ?? .nan
        print("\nserver CPU per filing over Cases directly: at most \(String(format: "%.2f", worst)) (target ≤ \(Self.cpuRatioTarget)): "
              + (worst <= Self.cpuRatioTarget ? "ok" : "MISSED"))
        let mb = { (value: Double) in String(format: "%.1f MB", value) }
        print("server resident memory: \(mb(idleMB)) idle (target < \(Int(Self.idleResidentTargetMB)) MB): "
              + (idleMB < Self.idleResidentTargetMB ? "ok" : "MISSED") + "; \(mb(peakMB)) at its peak under load, \(mb(idleAfterMB)) idle again afterwards")
        print("  of which its own (anonymous): \(mb(idleAnonymousMB)) idle, \(mb(idleAfterAnonymousMB)) idle after the load")
        print("  Hummingbird alone, same run: \(mb(baselineIdleMB)) idle, of which its own \(mb(baselineAnonymousMB))")
        print("answers other than 201, and socket errors: \(failures)")

        // Every 201 is a case on disk. wrk stops with a request in flight on each connection,
        // which the server still files: at most that many more.
        let onDisk = try fixture.casework.list(for: fixture["handler-1"]).count
        let counted = filedDirectly + acceptedOverHTTP + warmUp.created
        let inFlight = 2 + options.rounds * connections.reduce(0, +)
        let consistent = (counted...(counted + inFlight)).contains(onDisk)
        print("cases on disk: \(onDisk) = \(filedDirectly) filed directly + \(acceptedOverHTTP) accepted over HTTP + \(warmUp.created) while warming up "
              + "+ \(onDisk - counted) in flight as wrk stopped (at most \(inFlight)): " + (consistent ? "ok" : "MISMATCH"))
        if options.check && (!consistent || failures > 0 || worst > Self.cpuRatioTarget || idleMB >= Self.idleResidentTargetMB) { throw ExitCode(1) }
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
}
