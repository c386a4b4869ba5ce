import ArgumentParser
import Cases

struct AddHandlerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a person with their roles (administrators only).",
        discussion: """
            The new person's passphrase is asked twice without echo (or read from \
            GRIEVANCE_NEW_PASSPHRASE); give it to them in person. Roles: \
            \(Role.allCases.map(\.rawValue).joined(separator: ", ")).
            """
    )

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption

    @Argument(help: "The new person's id (1-64 of a-z, 0-9, '.', '-', '_').")
    var id: String

    @Option(help: "Their name as people know it.")
    var name: String

    @Option(name: .customLong("role"), help: ArgumentHelp("A role; repeat for several.", valueName: "ROLE"))
    var roles: [Role]

    func run() throws {
        guard !roles.isEmpty else { throw CLIFailure(message: "give at least one --role", hint: "e.g. --role handler") }
        let session = try actor.session(in: directory)
        let passphrase = try PassphraseReader.readNew(environment: "GRIEVANCE_NEW_PASSPHRASE", prompt: "New passphrase for \(id): ")
        let added = try session.administration.addPrincipal(id: id, name: name, roles: Set(roles), passphrase: passphrase, by: session.actor)
        print("Added \(added.id) (\(added.roles.sorted().map(\.rawValue).joined(separator: ", "))).")
    }
}
