import ArgumentParser
import Cases
import CasesTesting
import Foundation

/// Durable filings per second through the real server over each engine, in one run: SQLite;
/// PostgreSQL with one instance; PostgreSQL with two instances over the same database; and
/// pgbench's own durable-commit figure on the same PostgreSQL server as the raw baseline.
struct EnginesBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engines",
        abstract: "Filings per second over SQLite, PostgreSQL with one and with two server instances, beside pgbench on the same server.",
        discussion: """
            Needs wrk and pgbench on PATH and a PostgreSQL server named by GRIEVANCE_TEST_POSTGRES \
            and GRIEVANCE_TEST_POSTGRES_PASSWORD_FILE (a role that may create databases): \
            `source scripts/lib/postgres.sh && postgres_start` makes one on loopback. Each round \
            runs every side for --seconds, wrk posting complaints over --connections (split \
            between the instances when there are two); the 201s are counted, which the server \
            sends only once a filing has committed durably. pgbench runs its simple-update script \
            (-N) with as many clients, at scale 10, in a database of its own.
            """
    )

    @Option(help: "The folder of the Code of Conduct texts, for the server.")
    var policies = "policies"

    @Option(help: "wrk connections (and pgbench clients) per side.")
    var connections = 16

    @Option(help: "Seconds per side per round.")
    var seconds = 5

    @OptionGroup var options: BenchOptions

    func validate() throws {
        guard connections >= 4, connections % 2 == 0 else { throw ValidationError("--connections must be even and at least 4.") }
        guard TestEngine.server != nil else {
            throw ValidationError("GRIEVANCE_TEST_POSTGRES is not set: `source scripts/lib/postgres.sh && postgres_start` first.")
        }
    }

    func run() throws {
        try options.withScratchDirectory(run(in:))
    }

    private func run(in directory: URL) throws {
        print("grievance-bench engines — \(MachineDescription.current())")
        print("each filing sealed to 4 handlers, the recovery key and the reporter; \(options.rounds) rounds of \(seconds) s; \(connections) connections\n")
        let wrk = try Wrk(body: IntakeBench.body, in: directory)
        let sqlite = try CasesFixture(roster: CasesBench.roster, events: [], clock: TestClock(Date()),
                                      in: try Self.folder("sqlite", in: directory), engine: .sqlite)
        defer { sqlite.remove() }
        let postgres = try CasesFixture(roster: CasesBench.roster, events: [], clock: TestClock(Date()),
                                        in: try Self.folder("postgres", in: directory), engine: .postgres)
        defer { postgres.remove() }
        // The second instance's data directory, as an operator makes it: the same configuration,
        // pepper and procedure; the tables are the database's.
        let second = try Self.copyDataDirectory(postgres.dataDirectory, to: try Self.folder("postgres-2", in: directory))
        let pgbench = try PgBench(in: directory)
        defer { pgbench.drop() }

        let sqliteServer = try BenchServer(dataDirectory: sqlite.dataDirectory, policies: policies)
        defer { sqliteServer.stop() }
        let first = try BenchServer(dataDirectory: postgres.dataDirectory, policies: policies)
        defer { first.stop() }
        let other = try BenchServer(dataDirectory: second, policies: policies)
        defer { other.stop() }
        for port in [sqliteServer.port, first.port, other.port] { _ = try wrk.run(port: port, connections: 2, seconds: 1) }

        var rates: [String: [Double]] = [:]
        var failures = 0
        for _ in 0..<options.rounds {
            let alone = try wrk.run(port: sqliteServer.port, connections: connections, seconds: seconds)
            rates["sqlite", default: []].append(Double(alone.created) / alone.seconds)
            let one = try wrk.run(port: first.port, connections: connections, seconds: seconds)
            rates["postgres-1", default: []].append(Double(one.created) / one.seconds)
            let pair = try Self.together([first.port, other.port]) { try wrk.run(port: $0, connections: connections / 2, seconds: seconds) }
            rates["postgres-2", default: []].append(pair.reduce(0) { $0 + Double($1.created) / $1.seconds })
            rates["pgbench", default: []].append(try pgbench.run(clients: connections, seconds: seconds))
            failures += ([alone, one] + pair).reduce(0) { $0 + $1.otherStatuses + $1.socketErrors }
        }
        let median = { (side: String) in PairedComparison.median(rates[side] ?? []) }
        let raw = median("pgbench")
        let format = { (value: Double) in ComparisonResult.format(value) }
        print("| side | durable filings/s (median) | ÷ pgbench -N transactions/s |\n|---|---:|---:|")
        print("| pgbench -N, \(connections) clients (raw PostgreSQL, baseline) | \(format(raw)) transactions/s | 1.00 |")
        for (side, name) in [("sqlite", "SQLite, one server"), ("postgres-1", "PostgreSQL, one server"),
                             ("postgres-2", "PostgreSQL, two servers over one database")] {
            print("| \(name) | \(format(median(side))) | \(String(format: "%.2f", median(side) / raw)) |")
        }
        print("\nanswers other than 201, and socket errors: \(failures)")
        let report = try postgres.administration.verifyAudit()
        print("PostgreSQL's audit log after every round: \(report.entries) entries, " + (report.isValid ? "verifies" : "DOES NOT VERIFY: \(report.failure ?? "")"))
        if options.check && (failures > 0 || !report.isValid) { throw ExitCode(1) }
    }

    private static func folder(_ name: String, in directory: URL) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// config.json, pepper and procedure.yaml into a new owner-only data directory.
    static func copyDataDirectory(_ source: URL, to parent: URL) throws -> URL {
        let target = parent.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        for name in ["config.json", "pepper", "procedure.yaml"] {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: target.appendingPathComponent(name))
        }
        return target
    }

    /// Runs `body` for each port at the same time; returns the results in order.
    static func together<T: Sendable>(_ ports: [Int], _ body: @escaping @Sendable (Int) throws -> T) throws -> [T] {
        let results = ConcurrentResults<T>(count: ports.count)
        DispatchQueue.concurrentPerform(iterations: ports.count) { index in results.set(index, Result { try body(ports[index]) }) }
        return try results.values()
    }
}
