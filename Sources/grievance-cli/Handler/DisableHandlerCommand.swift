import ArgumentParser
import Cases

struct DisableHandlerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable",
        abstract: "Disable an account and delete every key sealed to it (administrators only).",
        discussion: "The person can no longer act, and their copies of case keys are deleted: their passphrase then opens nothing.")

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption

    @Argument(help: "The id of the account to disable.")
    var id: String

    func run() throws {
        let session = try actor.session(in: directory)
        try session.administration.disablePrincipal(id, by: session.actor)
        print("Disabled \(id); the keys sealed to them are deleted.")
    }
}
