import ArgumentParser
import Cases

struct RecoverHandlerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recover",
        abstract: "Bring back a person who lost their passphrase: a new enrolment code, with the recovery key.",
        discussion: """
            Needs the recovery key file from `init` (bring it from where it is kept offline, and \
            take it away again). Every case the person held — and the administrators' keys, for \
            an administrator — is kept for them under the new code, which is printed once; they \
            run `grievance-cli enrol --as ID --code CODE` and choose a new passphrase, and get it \
            all back. Until then nothing new is sealed to them. Also replaces a recovery code that \
            went unused. Logged as done by the recovery key.
            """)

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption
    @OptionGroup var output: JSONOption

    @Argument(help: "The id of the person to recover.")
    var id: String

    @Option(help: ArgumentHelp("The recovery key file written at init.", valueName: "FILE"), completion: .file())
    var recoveryKey: String

    func run() throws {
        let key = try RecoveryKey.read(from: recoveryKey)
        let installation = try directory.open()
        let code = try installation.administration.recoverPrincipal(id, recoveryKey: key)
        if output.enabled { return try Output.json(AddHandlerCommand.Added(id: id, enrolmentCode: code.formatted)) }
        print("\(id) enrols again with this one-time code, valid for a week; give it to them alone:")
        print("")
        print("    \(code.formatted)")
        print("")
        print("They run: grievance-cli enrol --as \(id) --code CODE. Put the recovery key away again.")
    }
}
