import ArgumentParser
import Cases
import Foundation

/// `--as`: who is acting, unlocked with their passphrase. Every command that opens a data
/// directory takes it, even one that needs nobody's keys (`handler list`, `audit verify`), so a
/// script may pass it to any of them.
struct ActorOption: ParsableArguments {
    @Option(name: .customLong("as"), help: ArgumentHelp("Who you are: your id (default: $GRIEVANCE_AS).", valueName: "ID"))
    var given: String?

    var id: String? { given ?? ProcessInfo.processInfo.environment["GRIEVANCE_AS"].flatMap { $0.isEmpty ? nil : $0 } }

    /// Opens `directory` and unlocks the acting person with their passphrase, asked on the
    /// terminal (or GRIEVANCE_PASSPHRASE) only once the data directory and the person are known.
    func session(in directory: DataDirectoryOption) throws -> Session {
        let installation = try directory.open()
        guard let id else {
            throw CLIFailure(message: "say who you are", hint: "add --as YOUR-ID (or set GRIEVANCE_AS); `handler list` shows the ids")
        }
        guard try installation.administration.principals().contains(where: { $0.id == id }) else { throw CasesError(.noSuchPerson(id)) }
        let passphrase = try PassphraseReader.read(environment: "GRIEVANCE_PASSPHRASE", prompt: "Passphrase for \(id): ")
        return Session(installation: installation, actor: try installation.administration.unlock(id: id, passphrase: passphrase))
    }
}
