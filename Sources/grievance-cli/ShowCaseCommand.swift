import ArgumentParser
import Cases
import Foundation

struct ShowCaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Decrypt and show a whole case: the complaint, records, stages, what is due, who holds it and who read it.",
        discussion: "The read is recorded in the audit log under your id.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The case reference, e.g. GRV-7K3M9QXD.")
    var reference: String

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() throws {
        let session = try global.session()
        let view = try session.service.show(reference.uppercased(), as: session.actor)
        if json {
            Output.json(CaseRendering.view(view, procedure: session.service.procedure, now: Date()))
        } else {
            CaseRendering.printView(view, procedure: session.service.procedure, now: Date())
        }
    }
}
