import ArgumentParser

struct ExcludeCaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exclude",
        abstract: "Keep a person away from a case (a conflict of interest), deleting their copy of its key.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The case reference.")
    var reference: String

    @Option(help: ArgumentHelp("The person to exclude.", valueName: "ID"))
    var handler: String

    func run() throws {
        let session = try global.session()
        try session.service.exclude(reference.uppercased(), principal: handler, by: session.actor)
        print("\(handler) is excluded from \(reference.uppercased()).")
    }
}
