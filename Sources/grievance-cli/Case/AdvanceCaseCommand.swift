import ArgumentParser
import Cases

struct AdvanceCaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "advance",
        abstract: "Move a case to another stage, with the reason (kept encrypted in the case).",
        discussion: "The procedure decides who may take each step and when; `case show REF` lists the moves you may make now.")

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption
    @OptionGroup var output: JSONOption

    @Argument(help: "The case reference.")
    var reference: CaseReference

    @Option(help: ArgumentHelp("The stage to move to.", valueName: "STAGE"))
    var to: String

    @Option(help: "Why (default: read from standard input).")
    var reason: String?

    func run() throws {
        let session = try actor.session(in: directory)
        let summary = try session.casework.advance(reference, to: to, reason: try TextInput.read(reason, what: "reason", option: "--reason"), by: session.actor)
        if output.enabled { return try Output.json(["reference": summary.reference.rawValue, "stage": summary.stage]) }
        print("\(summary.reference) is now in \(summary.stage).")
    }
}
