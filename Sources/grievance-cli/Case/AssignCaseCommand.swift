import ArgumentParser
import Cases

struct AssignCaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "Give another person the case (an investigator, another handler).",
        discussion: "Seals the case key to them; only someone who holds the case can, never to someone excluded from it. Logged.")

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption
    @OptionGroup var output: JSONOption

    @Argument(help: "The case reference.")
    var reference: CaseReference

    @Option(help: ArgumentHelp("The person to give the case to.", valueName: "ID"))
    var to: String

    func run() throws {
        let session = try actor.session(in: directory)
        try session.casework.assign(reference, to: to, by: session.actor)
        if output.enabled { return try Output.json(["reference": reference.rawValue, "assigned_to": to]) }
        print("Assigned \(reference) to \(to).")
    }
}
