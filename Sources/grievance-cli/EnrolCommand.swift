import ArgumentParser
import Cases

/// `grievance-cli enrol`: a person added by an administrator makes their own keys.
struct EnrolCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enrol",
        abstract: "Enrol with the one-time code an administrator gave you: choose your passphrase, make your keys.",
        discussion: """
            Asks your new passphrase twice without echo (or reads GRIEVANCE_NEW_PASSPHRASE, or the \
            file GRIEVANCE_NEW_PASSPHRASE_FILE names: yours alone, mode 600). Your \
            keys are made here, on your side, and certified by the code; nobody else ever knows \
            your passphrase. After recovery, every case you held is yours again. Prints your keys' \
            fingerprint, which the audit log and `handler list` show too.
            """)

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption

    @OptionGroup var output: JSONOption

    @Option(help: ArgumentHelp("The code you were given (letters and digits; dashes and case do not matter).", valueName: "CODE"))
    var code: String

    func run() throws {
        guard let id = actor.id else { throw CLIFailure(.missing, message: "say who you are", hint: "add --as YOUR-ID, the id the administrator gave you") }
        let enrolmentCode = try EnrolmentCode(parsing: code)
        let installation = try directory.open()
        let passphrase = try PassphraseReader.readNew(environment: "GRIEVANCE_NEW_PASSPHRASE", prompt: "New passphrase for \(id): ")
        let enrolled = try installation.administration.enrol(id: id, code: enrolmentCode, passphrase: passphrase)
        if output.enabled { return try Output.json(["id": id, "fingerprint": enrolled.principal.keyFingerprint]) }
        print("Enrolled \(id); your keys' fingerprint is \(enrolled.principal.keyFingerprint).")
    }
}
