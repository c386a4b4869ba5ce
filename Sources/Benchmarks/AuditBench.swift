import ArgumentParser
import AuditLog
import CSodium
import Foundation
import GRDB
import GRDBSQLite
import GrievanceCrypto

/// The audit log against raw SQLite and raw libsodium SHA-256, in the same run.
struct AuditBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "The audit log: durable appends, verification and proofs in a large log.",
        discussion: """
            Targets: verification at least half the raw SHA-256 rate over the same bytes; an
            inclusion proof in a log of 1,000,000 entries in under a millisecond.
            """
    )

    @Option(help: "Entries in the large log that verification and proofs run on.")
    var entries = 1_000_000

    @Option(help: "How many times to verify the whole log; the median is reported.")
    var verifyRuns = 3

    @OptionGroup var options: BenchOptions

    func run() throws {
        try options.withScratchDirectory(run(in:))
    }

    private func run(in directory: URL) throws {
        print("grievance-bench audit — \(MachineDescription.current()) — SQLite \(String(cString: sqlite3_libversion()))")
        print("entries of \(AuditBenchLog.sampleEntryBytes) bytes; WAL, synchronous=FULL on both sides\n")

        let log = try AuditBenchLog(directory: directory)
        let raw = RawSQLite(path: directory.appendingPathComponent("raw.sqlite").path)
        var missed = false

        print("## Durable appends: one entry per committed transaction\n")
        print(ComparisonResult.markdownHeader)
        var next = 0
        var rawNext: Int64 = 0
        let sample = AuditBenchLog.sampleEncoded
        let durable = PairedComparison(
            name: "append, one per commit (fsync)", bytesPerOperation: nil,
            ours: { try! log.appendDurably(index: next); next += 1 },
            raw: {
                raw.exec("BEGIN")
                raw.insert(sequence: rawNext, entry: sample, hash: sample.withUnsafeBytes { MerkleTree.leafHash($0).bytes })
                raw.exec("COMMIT")
                rawNext += 1
            }
        ).run(rounds: options.rounds, roundMilliseconds: max(options.roundMilliseconds, 100))
        print(durable.markdownRow(minimumRatio: nil))

        print("\n## Building a log of \(entries) entries, 10,000 per transaction\n")
        let build = try log.buildLarge(count: entries, startingAt: next)
        let rawBuild = Self.time {
            for batch in stride(from: 0, to: entries, by: 10_000) {
                raw.exec("BEGIN")
                for index in batch..<min(batch + 10_000, entries) {
                    raw.insert(sequence: rawNext + Int64(index), entry: sample, hash: sample)
                }
                raw.exec("COMMIT")
            }
        }
        let buildRate = Double(entries) / build
        let rawBuildRate = Double(entries) / rawBuild
        print("| operation | ours | raw SQLite inserts | ratio |\n|---|---:|---:|---:|")
        print("| append, batched | \(ComparisonResult.format(buildRate)) entries/s | \(ComparisonResult.format(rawBuildRate)) rows/s | \(String(format: "%.3f", buildRate / rawBuildRate)) |")

        print("\n## Verifying the whole log: read back from SQLite, chain, nodes and tree\n")
        let size = try log.size()
        let blobs = try log.allEntries()
        var verifyRates: [Double] = []
        var hashRates: [Double] = []
        var output = [UInt8](repeating: 0, count: 32)
        for _ in 0..<max(verifyRuns, 1) {
            var report: AuditVerificationReport?
            let verifySeconds = try Self.time { report = try log.verify() }
            guard report?.isValid == true, report?.entries == size else { throw ValidationError("verification failed: \(report?.summary ?? "")") }
            verifyRates.append(Double(size) / verifySeconds)
            let hashSeconds = Self.time {
                for blob in blobs { blob.withUnsafeBytes { _ = crypto_hash_sha256(&output, $0.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt64($0.count)) } }
            }
            hashRates.append(Double(size) / hashSeconds)
        }
        let verifyRate = PairedComparison.median(verifyRates)
        let hashRate = PairedComparison.median(hashRates)
        let verifyRatio = verifyRate / hashRate
        missed = missed || verifyRatio < 0.5
        print("| operation | ours | raw SHA-256 of the same bytes | ratio | verdict |\n|---|---:|---:|---:|---|")
        print("| verify \(size) entries (median of \(max(verifyRuns, 1))) | \(ComparisonResult.format(verifyRate)) entries/s | \(ComparisonResult.format(hashRate)) hashes/s | \(String(format: "%.3f", verifyRatio)) | \(verifyRatio >= 0.5 ? "ok" : "MISSES ≥ 0.5") |")

        print("\n## Proofs in the log of \(size) entries (2,000 random leaves)\n")
        let proofs = try log.proofTimes(size: size, samples: 2000)
        var root = [UInt8](repeating: 0, count: 32)
        var pair = [UInt8](repeating: 0, count: 65)
        let rawNodeHash = Self.time { for _ in 0..<20_000 { _ = crypto_hash_sha256(&root, &pair, 65) } } / 20_000
        let depth = Double(64 - (size - 1).leadingZeroBitCount)
        missed = missed || proofs.inclusionMedian >= 0.001
        print("| operation | median | p99 | raw: \(Int(depth)) node hashes | verdict |\n|---|---:|---:|---:|---|")
        print("| inclusion proof, from storage | \(Self.micro(proofs.inclusionMedian)) | \(Self.micro(proofs.inclusionP99)) | \(Self.micro(rawNodeHash * depth)) | \(proofs.inclusionMedian < 0.001 ? "ok (< 1 ms)" : "MISSES < 1 ms") |")
        print("| inclusion proof, verified | \(Self.micro(proofs.verifyMedian)) | \(Self.micro(proofs.verifyP99)) | \(Self.micro(rawNodeHash * depth)) | |")
        print("| consistency proof, from storage | \(Self.micro(proofs.consistencyMedian)) | \(Self.micro(proofs.consistencyP99)) | | |")
        if options.check && missed { throw ExitCode(1) }
    }

    static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    static func micro(_ seconds: Double) -> String { String(format: "%.1f µs", seconds * 1e6) }
}
