import ArgumentParser
import Cases
import CasesTesting
import Foundation
import GRDB

/// Backup and verify throughput over a large database, beside a plain copy of the same file
/// (read, write, fsync) in the same run.
struct BackupBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Backups: create and verify throughput, beside a plain file copy of the same database.",
        discussion: """
            The database holds --cases cases (clear metadata by raw SQL) each with one record of \
            --record-bytes random bytes standing for its ciphertext. Create is SQLite's online \
            backup plus secretstream; verify decrypts into a temporary folder, opens it and verifies \
            its audit log. Target: at least 100 MiB/s each, so a 10 GiB database is backed up, or \
            checked, within two minutes of a nightly timer; the plain copy is the baseline.
            """
    )

    @Option(help: "Cases in the database.")
    var cases = 100_000

    @Option(help: "Bytes of each case's stand-in ciphertext.")
    var recordBytes = 2_000

    @OptionGroup var options: BenchOptions

    func run() throws {
        try options.withScratchDirectory(run(in:))
    }

    private func run(in directory: URL) throws {
        print("grievance-bench backup — \(MachineDescription.current())")
        let now = ISO8601DateFormatter().date(from: "2027-08-02T10:00:00Z")!
        let fixture = try CasesFixture(roster: [("admin", [.admin])], events: [], clock: TestClock(now), in: directory)
        let population = SyntheticPopulation(seed: 14, events: []).generate(
            count: cases, from: ISO8601DateFormatter().date(from: "2022-07-01T00:00:00Z")!, to: now, now: now)
        try fixture.raw.transaction { try SyntheticPopulation.insert(population, into: $0) }
        try fixture.database.write { db in
            try db.execute(sql: "INSERT INTO case_records (case_ref, seq, kind, sealed, created_at) SELECT reference, 1, 'complaint', randomblob(?), created_at FROM cases",
                           arguments: [recordBytes])
        }
        try fixture.database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        let database = fixture.installation.directory.databaseURL.path
        let bytes = Double((try FileManager.default.attributesOfItem(atPath: database)[.size] as? Int) ?? 0)
        print("database: \(cases) cases, \(String(format: "%.1f", bytes / 1_048_576)) MiB\n")

        var copy: [Double] = [], create: [Double] = [], verify: [Double] = []
        for round in 0..<options.rounds {
            let copied = directory.appendingPathComponent("copy-\(round)").path
            let backup = directory.appendingPathComponent("backup-\(round)").path
            var started = Date()
            try Self.plainCopy(database, to: copied)
            copy.append(Date().timeIntervalSince(started))
            started = Date()
            _ = try fixture.installation.createBackup(to: backup)
            create.append(Date().timeIntervalSince(started))
            started = Date()
            _ = try Backup.verify(backup, recoveryKey: fixture.recoveryKey)
            verify.append(Date().timeIntervalSince(started))
            unlink(copied)
            unlink(backup)
        }
        let copyMedian = PairedComparison.median(copy)
        print("| operation | median | MiB/s | plain copy (read, write, fsync) | ratio (copy / ours) | target (≥ 100 MiB/s) |")
        print("|---|---|---|---|---|---|")
        var missed = false
        for (name, times) in [("backup create", create), ("backup verify", verify)] {
            let median = PairedComparison.median(times)
            let meets = bytes / 1_048_576 / median >= 100
            missed = missed || !meets
            print("| \(name) | \(String(format: "%.3f", median)) s | \(String(format: "%.0f", bytes / 1_048_576 / median)) | "
                  + "\(String(format: "%.3f", copyMedian)) s (\(String(format: "%.0f", bytes / 1_048_576 / copyMedian)) MiB/s) | "
                  + "\(String(format: "%.2f", copyMedian / median)) | \(meets ? "met" : "MISSED") |")
        }
        if options.check && missed { throw ExitCode(1) }
    }

    /// What `cp` then `sync` does: the same bytes read and written in 1 MiB pieces, flushed.
    static func plainCopy(_ source: String, to target: String) throws {
        let input = open(source, O_RDONLY)
        let output = open(target, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard input >= 0, output >= 0 else { throw CocoaError(.fileWriteUnknown) }
        defer { close(input); close(output) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let got = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress!, $0.count) }
            guard got > 0 else { break }
            var offset = 0
            while offset < got {
                let wrote = buffer.withUnsafeBytes { write(output, $0.baseAddress! + offset, got - offset) }
                guard wrote > 0 else { throw CocoaError(.fileWriteUnknown) }
                offset += wrote
            }
        }
        fsync(output)
    }
}
