import ArgumentParser
import Cases

struct ExcludeCaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exclude",
        abstract: "Keep a person away from a case (a conflict of interest), deleting their copy of its key.")

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption

    @Argument(help: "The case reference.")
    var reference: CaseReference

    @Option(help: ArgumentHelp("The person to exclude.", valueName: "ID"))
    var handler: String

    func run() throws {
        let session = try actor.session(in: directory)
        try session.casework.exclude(reference, principal: handler, by: session.actor)
        print("\(handler) is excluded from \(reference).")
    }
}
