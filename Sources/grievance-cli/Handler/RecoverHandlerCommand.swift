import ArgumentParser
import Cases

struct RecoverHandlerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recover",
        abstract: "Give a person who lost their passphrase new keys, with the recovery key.",
        discussion: """
            Needs the recovery key file from `init` (bring it from where it is kept offline, and \
            take it away again). The person gets new keys under a new passphrase, asked twice \
            without echo (or GRIEVANCE_NEW_PASSPHRASE), and every case they held — and the log key, \
            for an administrator — is sealed to them again. Logged as done by the recovery key.
            """)

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption

    @Argument(help: "The id of the person to recover.")
    var id: String

    @Option(help: ArgumentHelp("The recovery key file written at init.", valueName: "FILE"), completion: .file())
    var recoveryKey: String

    func run() throws {
        let key = try RecoveryKey.read(from: recoveryKey)
        let installation = try directory.open()
        guard try installation.administration.principals().contains(where: { $0.id == id }) else { throw CasesError(.noSuchPerson(id)) }
        let passphrase = try PassphraseReader.readNew(environment: "GRIEVANCE_NEW_PASSPHRASE", prompt: "New passphrase for \(id): ")
        try installation.administration.recoverPrincipal(id, recoveryKey: key, newPassphrase: passphrase)
        print("\(id) has new keys; give them the new passphrase in person. Put the recovery key away again.")
    }
}
