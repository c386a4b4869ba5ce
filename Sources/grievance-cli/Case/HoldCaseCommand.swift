import ArgumentParser
import Cases

struct HoldCaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hold",
        abstract: "Keep a case from retention until it is released (legal proceedings, a pattern being looked into).",
        discussion: "The reason is kept encrypted in the case; the log records the hold. `retention run` never ends a held case.")

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption
    @OptionGroup var json: JSONOption

    @Argument(help: "The case reference.")
    var reference: CaseReference

    @Option(help: ArgumentHelp("Why it is held (or type it on standard input).", valueName: "TEXT"))
    var reason: String?

    func run() throws {
        let session = try actor.session(in: directory)
        try session.casework.hold(reference, reason: try TextInput.read(reason, what: "reason for the hold", option: "--reason"), by: session.actor)
        if json.enabled { return try Output.json(["reference": reference.rawValue, "held": "true"]) }
        print("\(reference) is held: retention will not end it until `case release \(reference)`.")
    }
}
