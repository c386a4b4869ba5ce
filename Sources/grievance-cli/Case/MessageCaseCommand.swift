import ArgumentParser
import Cases

struct MessageCaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "message",
        abstract: "Send the reporter a message, which they read with their receipt on the follow-up page.")

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption
    @OptionGroup var output: JSONOption

    @Argument(help: "The case reference.")
    var reference: CaseReference

    @Option(help: "The message (default: read from standard input).")
    var text: String?

    func run() throws {
        let session = try actor.session(in: directory)
        try session.casework.messageReporter(reference, text: try TextInput.read(text, what: "message", option: "--text"), by: session.actor)
        if output.enabled { return try Output.json(["reference": reference.rawValue, "kind": "message-to-reporter"]) }
        print("Message for the reporter added to \(reference).")
    }
}
