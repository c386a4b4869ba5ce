import ArgumentParser
import Cases

struct ExcludeCaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exclude",
        abstract: "Keep a person away from a case (a conflict of interest), deleting their copy of its key.",
        discussion: """
            The case gets a new key, sealed to everyone else who holds it: even with a copy of the \
            database and their own key, the person cannot read what is written after. It cannot \
            be undone, so it asks first on a terminal; without one, give --yes.
            """)

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption
    @OptionGroup var output: JSONOption

    @Argument(help: "The case reference.")
    var reference: CaseReference

    @Option(help: ArgumentHelp("The person to exclude.", valueName: "ID"))
    var handler: String

    @Flag(help: "Exclude without asking (for scripts).")
    var yes = false

    func run() throws {
        let session = try actor.session(in: directory)
        try Confirmation.require("Excluding \(handler) from \(reference)", yes: yes)
        try session.casework.exclude(reference, principal: handler, by: session.actor)
        if output.enabled { return try Output.json(["reference": reference.rawValue, "excluded": handler]) }
        print("\(handler) is excluded from \(reference).")
    }
}
