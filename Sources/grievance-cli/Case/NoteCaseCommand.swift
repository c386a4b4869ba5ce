import ArgumentParser
import Cases

struct NoteCaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "note", abstract: "Add a note to a case, encrypted; the reporter never sees notes.")

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption
    @OptionGroup var output: JSONOption

    @Argument(help: "The case reference.")
    var reference: CaseReference

    @Option(help: "The note (default: read from standard input).")
    var text: String?

    func run() throws {
        let session = try actor.session(in: directory)
        try session.casework.addNote(reference, text: try TextInput.read(text, what: "note", option: "--text"), by: session.actor)
        if output.enabled { return try Output.json(["reference": reference.rawValue, "kind": "note"]) }
        print("Note added to \(reference).")
    }
}
