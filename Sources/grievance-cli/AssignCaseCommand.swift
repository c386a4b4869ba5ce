import ArgumentParser

struct AssignCaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "Give another person the case (an investigator, another handler).",
        discussion: "Seals the case key to them; only someone who holds the case can, never to someone excluded from it. Logged.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The case reference.")
    var reference: String

    @Option(help: ArgumentHelp("The person to give the case to.", valueName: "ID"))
    var to: String

    func run() throws {
        let session = try global.session()
        try session.service.assign(reference.uppercased(), to: to, by: session.actor)
        print("Assigned \(reference.uppercased()) to \(to).")
    }
}
