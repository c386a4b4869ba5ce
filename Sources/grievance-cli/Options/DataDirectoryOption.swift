import ArgumentParser
import Cases
import Foundation

/// `--data-dir`: the data directory every command but `policy check` and `case read-export` acts on.
struct DataDirectoryOption: ParsableArguments {
    @Option(name: .customLong("data-dir"),
            help: ArgumentHelp("The data directory (default: $GRIEVANCE_DATA_DIR, else ./grievance-data).", valueName: "DIR"),
            completion: .directory)
    var given: String?

    /// The option, else (inside `grievance-cli shell`) the shell's, else the environment's.
    var path: String {
        given ?? ShellContext.current?.dataDirectory
            ?? ProcessInfo.processInfo.environment["GRIEVANCE_DATA_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "grievance-data"
    }

    /// Opens the data directory (creating nothing) under the organisation key pinned in the
    /// person's own state; on their first use, the data directory's own key is pinned there.
    func open() throws -> Installation {
        let directory = DataDirectory(path: path)
        var pins = try Pins(for: self, origin: "")
        if let pinned = try pins.organisationKey { return try directory.open(organisationKey: pinned) }
        let installation = try directory.open()
        pins = try Pins(for: self, origin: installation.configuration.auditOrigin)
        try pins.remember(organisationKey: try installation.administration.organisationKey().description)
        return installation
    }
}
