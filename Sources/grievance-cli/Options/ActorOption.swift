import ArgumentParser
import Cases
import Foundation

/// `--as`: who is acting, unlocked with their passphrase. Every command that opens a data
/// directory takes it, even one that needs nobody's keys (`handler list`, `audit verify`), so a
/// script may pass it to any of them. Inside `grievance-cli shell` it defaults to the shell's
/// person, already unlocked.
struct ActorOption: ParsableArguments {
    @Option(name: .customLong("as"), help: ArgumentHelp("Who you are: your id (default: $GRIEVANCE_AS).", valueName: "ID"))
    var given: String?

    var id: String? {
        given ?? ShellContext.current?.session.actor.id
            ?? ProcessInfo.processInfo.environment["GRIEVANCE_AS"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Opens `directory` and unlocks the acting person with their passphrase, asked on the
    /// terminal (or GRIEVANCE_PASSPHRASE, or the file GRIEVANCE_PASSPHRASE_FILE names) only
    /// once the data directory and the person are known. In the shell, the shell's session.
    func session(in directory: DataDirectoryOption) throws -> Session {
        if let shell = ShellContext.current { return try shell.session(for: id, in: directory.path) }
        let installation = try directory.open()
        guard let id else {
            throw CLIFailure(.missing, message: "say who you are", hint: "add --as YOUR-ID (or set GRIEVANCE_AS); `handler list` shows the ids")
        }
        return Session(installation: installation, actor: try Self.unlock(id, in: installation))
    }

    /// Unlocks `id` in `installation` with their passphrase: what every command does once, and
    /// the shell once for a run of commands (and again after it locked).
    static func unlock(_ id: String, in installation: Installation) throws -> UnlockedPrincipal {
        guard try installation.administration.principals().contains(where: { $0.id == id }) else { throw CasesError(.noSuchPerson(id)) }
        let passphrase = try PassphraseReader.read(environment: "GRIEVANCE_PASSPHRASE", prompt: "Passphrase for \(id): ")
        return try installation.administration.unlock(id: id, passphrase: passphrase)
    }
}
