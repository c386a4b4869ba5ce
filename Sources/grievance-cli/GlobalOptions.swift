import ArgumentParser
import Cases
import Foundation

/// The options every command that touches a data directory takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"),
            help: ArgumentHelp("The data directory (default: $GRIEVANCE_DATA_DIR, else ./grievance-data).", valueName: "DIR"),
            completion: .directory)
    var dataDirectory: String?

    @Option(name: .customLong("as"),
            help: ArgumentHelp("Who you are: your handler id (default: $GRIEVANCE_AS).", valueName: "ID"))
    var actorID: String?

    var dataDirectoryPath: String {
        dataDirectory ?? ProcessInfo.processInfo.environment["GRIEVANCE_DATA_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "grievance-data"
    }

    /// Opens the data directory (creating nothing).
    func open() throws -> Installation {
        try DataDirectory(path: dataDirectoryPath).open()
    }

    /// Opens the data directory and unlocks the acting person with their passphrase.
    func session() throws -> Session {
        let installation = try open()
        guard let id = actorID ?? ProcessInfo.processInfo.environment["GRIEVANCE_AS"].flatMap({ $0.isEmpty ? nil : $0 }) else {
            throw CLIFailure(message: "say who you are", hint: "add --as YOUR-ID (or set GRIEVANCE_AS); `handler list` shows the ids")
        }
        guard try installation.service.principals().contains(where: { $0.id == id }) else { throw CasesError.noSuchPrincipal(id) }
        let passphrase = try PassphraseReader.read(environment: "GRIEVANCE_PASSPHRASE", prompt: "Passphrase for \(id): ")
        return Session(installation: installation, actor: try installation.service.unlock(id: id, passphrase: passphrase))
    }
}
