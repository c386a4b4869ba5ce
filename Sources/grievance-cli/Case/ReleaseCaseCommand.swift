import ArgumentParser
import Cases

struct ReleaseCaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release",
        abstract: "Release a case's hold; retention's clock starts again from now.")

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption
    @OptionGroup var json: JSONOption

    @Argument(help: "The case reference.")
    var reference: CaseReference

    @Option(help: ArgumentHelp("Why the hold ends (kept encrypted in the case).", valueName: "TEXT"))
    var reason = "The hold was released."

    func run() throws {
        let session = try actor.session(in: directory)
        try session.casework.releaseHold(reference, reason: reason, by: session.actor)
        if json.enabled { return try Output.json(["reference": reference.rawValue, "held": "false"]) }
        print("\(reference) is no longer held.")
    }
}
