import ArgumentParser

struct AdvanceCaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "advance",
        abstract: "Move a case to another stage, with the reason (kept encrypted in the case).",
        discussion: "The procedure decides who may take each step and when; `case show REF` lists the stages the case may move to.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The case reference.")
    var reference: String

    @Option(help: ArgumentHelp("The stage to move to.", valueName: "STAGE"))
    var to: String

    @Option(help: "Why (default: read from standard input).")
    var reason: String?

    func run() throws {
        let session = try global.session()
        let text = try TextInput.read(reason, what: "reason")
        let summary = try session.service.advance(reference.uppercased(), to: to, reason: text, by: session.actor)
        print("\(summary.reference) is now in \(summary.stage).")
    }
}
