import ArgumentParser

struct MessageCaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "message",
        abstract: "Send the reporter a message, which they read with their receipt on the follow-up page.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The case reference.")
    var reference: String

    @Option(help: "The message (default: read from standard input).")
    var text: String?

    func run() throws {
        let session = try global.session()
        try session.service.messageReporter(reference.uppercased(), text: try TextInput.read(text, what: "message"), by: session.actor)
        print("Message for the reporter added to \(reference.uppercased()).")
    }
}
