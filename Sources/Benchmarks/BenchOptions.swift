import ArgumentParser

/// Options every benchmark shares.
struct BenchOptions: ParsableArguments {
    @Option(help: "Rounds per figure; the median of these is reported.")
    var rounds = 15

    @Option(help: "Target length of one round of one side, in milliseconds.")
    var roundMilliseconds = 60

    @Flag(help: "Exit with status 1 when any figure misses its target.")
    var check = false

    func validate() throws {
        guard rounds >= 3 else { throw ValidationError("--rounds must be at least 3 for a median to mean anything.") }
        guard roundMilliseconds >= 5 else { throw ValidationError("--round-milliseconds must be at least 5.") }
    }
}
