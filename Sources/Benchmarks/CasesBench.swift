import ArgumentParser
import CSodium
import Cases
import CasesTesting
import Foundation
import GrievanceCrypto

/// Filing and listing cases, beside the raw cost of their parts measured in the same run.
struct CasesBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cases",
        abstract: "Cases: durable filings per second, and listing a large caseload.",
        discussion: "Target: at least 1,000 durable filings a second, each sealed to four handlers (and the recovery key and the reporter)."
    )

    @Option(help: "Concurrent filers, as concurrent reporters reach the server.")
    var filers = 16

    @Option(help: "Cases filed, then listed.")
    var cases = 100_000

    @OptionGroup var options: BenchOptions

    /// An administrator and four handlers, to whom every harassment report is sealed.
    static let roster: [(id: String, roles: Set<Role>)] = [("admin", [.admin])] + (1...4).map { ("handler-\($0)", [.handler]) }

    func run() throws {
        try options.withScratchDirectory(run(in:))
    }

    private func run(in directory: URL) throws {
        print("grievance-bench cases — \(MachineDescription.current())")
        print("each filing sealed to 4 handlers, the recovery key and the reporter; WAL, synchronous=FULL\n")

        let fixture = try CasesFixture(roster: Self.roster, events: [], clock: TestClock(Date()), in: directory)
        let service = fixture.intake
        let handler = fixture["handler-1"]
        let intake = Intake(category: "harassment", region: .africa, language: "en", content: ComplaintContent(
            description: String(repeating: "What happened, in the reporter's words. ", count: 25),
            respondent: "A delegate", reporterName: "A participant", reporterContact: "someone@example.org", contactConsent: ["email": true]))

        // The parts, raw: the cryptography of one filing alone, and one durable insert alone.
        let recipients = (0..<6).map { _ in BoxKeyPair.generate().publicKey.bytes }
        let complaint = [UInt8](repeating: 65, count: 1024)
        var sealedOut = [UInt8](repeating: 0, count: 48 + Int(crypto_box_sealbytes()))
        var aeadOut = [UInt8](repeating: 0, count: 1280 + 16)
        var nonce = [UInt8](repeating: 0, count: 24)
        var written: UInt64 = 0
        let key = [UInt8](repeating: 7, count: 32)
        let raw = RawSQLite(path: directory.appendingPathComponent("raw.sqlite").path)
        var rawSequence: Int64 = 0

        print(ComparisonResult.markdownHeader)
        var filed = 0
        let filing = PairedComparison(
            name: "file a case (durable) vs raw crypto of a filing", bytesPerOperation: nil,
            ours: { _ = try! service.file(intake); filed += 1 },
            raw: {
                for recipient in recipients { _ = crypto_box_seal(&sealedOut, key, 48, recipient) }
                randombytes_buf(&nonce, 24)
                _ = crypto_aead_xchacha20poly1305_ietf_encrypt(&aeadOut, &written, complaint, 1280, nil, 0, nil, nonce, key)
            }
        ).run(rounds: options.rounds, roundMilliseconds: max(options.roundMilliseconds, 200))
        print(filing.markdownRow(minimumRatio: nil))
        let insert = PairedComparison(
            name: "file a case (durable) vs one raw insert-and-commit", bytesPerOperation: nil,
            ours: { _ = try! service.file(intake); filed += 1 },
            raw: {
                raw.exec("BEGIN")
                raw.insert(sequence: rawSequence, entry: complaint, hash: key)
                raw.exec("COMMIT")
                rawSequence += 1
            }
        ).run(rounds: options.rounds, roundMilliseconds: max(options.roundMilliseconds, 200))
        print(insert.markdownRow(minimumRatio: nil))
        // The server files from concurrent requests: the sealing runs outside the write lock on
        // both cores, and filings that wait for the lock are committed together, one fsync for all.
        var concurrentRates: [Double] = []
        for _ in 0..<max(options.rounds / 3, 3) {
            let seconds = 1.0
            let counts = ConcurrentCounter()
            let started = DispatchTime.now().uptimeNanoseconds
            // Threads, not concurrentPerform: that runs only as many at once as there are cores.
            let group = DispatchGroup()
            for _ in 0..<filers {
                group.enter()
                Thread {
                    while Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 < seconds {
                        _ = try! service.file(intake)
                        counts.increment()
                    }
                    group.leave()
                }.start()
            }
            group.wait()
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            concurrentRates.append(Double(counts.value) / elapsed)
            filed += counts.value
        }
        let concurrent = PairedComparison.median(concurrentRates)
        let target = 1000.0
        let meets = concurrent >= target
        print("\n| filers | durable filings/s (median) | target | verdict |\n|---|---:|---:|---|")
        print("| 1 | \(ComparisonResult.format(filing.ours)) | | |")
        print("| \(filers), concurrent (as the server files) | \(ComparisonResult.format(concurrent)) | ≥ \(Int(target)) | \(meets ? "ok" : "MISSES") |")

        print("\n## Listing \(cases) cases\n")
        let start = DispatchTime.now().uptimeNanoseconds
        let before = filed
        while filed < cases {
            _ = try service.file(intake)
            filed += 1
            if filed % 10_000 == 0 { FileHandle.standardError.write(Data("  \(filed) filed\n".utf8)) }
        }
        let sustained = Double(filed - before) / max(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, 1e-9)
        var listTimes: [Double] = []
        var count = 0
        for _ in 0..<5 {
            listTimes.append(AuditBench.time { count = (try? fixture.casework.list(for: handler).count) ?? 0 })
        }
        print("| operation | median | |\n|---|---:|---|")
        print("| list \(count) cases, soonest deadline first | \(String(format: "%.0f ms", PairedComparison.median(listTimes) * 1000)) | of 5 |")
        if filed > before {
            print("| filing, sustained while building the caseload (\(filed - before) cases) | \(ComparisonResult.format(sustained)) filings/s | |")
        }
        if options.check && !meets { throw ExitCode(1) }
    }
}
