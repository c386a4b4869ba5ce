import ArgumentParser
import Cases

struct DisableHandlerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable",
        abstract: "Disable an account and delete every key sealed to it (administrators only).",
        discussion: """
            The person can no longer act, and their copies of case keys are deleted: their \
            passphrase then opens nothing. It cannot be undone, so it asks first on a terminal; \
            without one, give --yes.
            """)

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption
    @OptionGroup var output: JSONOption

    @Argument(help: "The id of the account to disable.")
    var id: String

    @Flag(help: "Disable without asking (for scripts).")
    var yes = false

    private struct Disabled: Encodable {
        let id: String
        let disabled = true
    }

    func run() throws {
        let session = try actor.session(in: directory)
        try Confirmation.require("Disabling \(id) and deleting every key sealed to them", yes: yes)
        try session.administration.disablePrincipal(id, by: session.actor)
        if output.enabled { return try Output.json(Disabled(id: id)) }
        print("Disabled \(id); the keys sealed to them are deleted.")
    }
}
