import ArgumentParser
import Cases

struct ShowCaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Decrypt and show a whole case: the complaint, records, stages, what is due, the moves you may make, who holds it and who read it.",
        discussion: "The read is recorded in the audit log under your id.")

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption
    @OptionGroup var output: JSONOption

    @Argument(help: "The case reference, e.g. GRV-7K3M9QXD (case and the GRV- do not matter).")
    var reference: CaseReference

    func run() throws {
        let session = try actor.session(in: directory)
        let view = try session.casework.show(reference, as: session.actor)
        if output.enabled { try Output.json(view) } else { CaseRendering.printView(view) }
    }
}
