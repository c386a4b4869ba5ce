import ArgumentParser

struct NoteCaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "note", abstract: "Add a note to a case, encrypted; the reporter never sees notes.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The case reference.")
    var reference: String

    @Option(help: "The note (default: read from standard input).")
    var text: String?

    func run() throws {
        let session = try global.session()
        try session.service.addNote(reference.uppercased(), text: try TextInput.read(text, what: "note"), by: session.actor)
        print("Note added to \(reference.uppercased()).")
    }
}
