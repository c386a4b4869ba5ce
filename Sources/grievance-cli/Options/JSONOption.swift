import ArgumentParser

/// `--json`: machine-readable output, for scripts.
struct JSONOption: ParsableArguments {
    @Flag(name: .customLong("json"), help: "Print the result as JSON.")
    var enabled = false
}
