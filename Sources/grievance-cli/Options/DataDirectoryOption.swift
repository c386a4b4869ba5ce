import ArgumentParser
import Cases
import Foundation

/// `--data-dir`: the data directory every command but `policy check` and `case read-export` acts on.
struct DataDirectoryOption: ParsableArguments {
    @Option(name: .customLong("data-dir"),
            help: ArgumentHelp("The data directory (default: $GRIEVANCE_DATA_DIR, else ./grievance-data).", valueName: "DIR"),
            completion: .directory)
    var given: String?

    var path: String {
        given ?? ProcessInfo.processInfo.environment["GRIEVANCE_DATA_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "grievance-data"
    }

    /// Opens the data directory (creating nothing).
    func open() throws -> Installation { try DataDirectory(path: path).open() }
}
