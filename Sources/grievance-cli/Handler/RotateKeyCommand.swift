import ArgumentParser
import Cases

struct RotateKeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate-key",
        abstract: "Give yourself new keys under a new passphrase.",
        discussion: """
            Asks for your current passphrase, then a new one twice (or reads GRIEVANCE_PASSPHRASE \
            and GRIEVANCE_NEW_PASSPHRASE, or their _FILE twins). Every case key and the log key you hold are sealed again \
            to your new key, in one transaction: it happens whole or not at all.
            """)

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption
    @OptionGroup var output: JSONOption

    func run() throws {
        let session = try actor.session(in: directory)
        let passphrase = try PassphraseReader.readNew(environment: "GRIEVANCE_NEW_PASSPHRASE", prompt: "New passphrase for \(session.actor.id): ")
        let rotated = try session.administration.rotateKeys(of: session.actor, newPassphrase: passphrase)
        if output.enabled { return try Output.json(["id": rotated.id, "fingerprint": rotated.principal.keyFingerprint]) }
        print("New keys for \(session.actor.id); use the new passphrase from now on.")
    }
}
