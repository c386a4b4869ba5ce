import ArgumentParser
import Foundation

/// Options every benchmark shares.
struct BenchOptions: ParsableArguments {
    @Option(help: "Rounds per figure; the median of these is reported.")
    var rounds = 15

    @Option(help: "Target length of one round of one side, in milliseconds.")
    var roundMilliseconds = 60

    @Flag(help: "Exit with status 1 when any figure misses its target.")
    var check = false

    @Option(help: "Where to put temporary databases (removed afterwards): a real disk, not tmpfs, where fsync costs nothing.")
    var scratch = FileManager.default.currentDirectoryPath

    /// Runs `body` with a fresh folder under `scratch`, removed afterwards.
    func withScratchDirectory<R>(_ body: (URL) throws -> R) throws -> R {
        let directory = URL(fileURLWithPath: scratch).appendingPathComponent("grievance-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try body(directory)
    }

    func validate() throws {
        guard rounds >= 3 else { throw ValidationError("--rounds must be at least 3 for a median to mean anything.") }
        guard roundMilliseconds >= 5 else { throw ValidationError("--round-milliseconds must be at least 5.") }
    }
}
