import ArgumentParser
import Cases

struct AddHandlerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a person with their roles, and print their one-time enrolment code (administrators only).",
        discussion: """
            Makes no keys and asks no passphrase: nobody knows another person's passphrase. Hand \
            the code to the person in person or by a channel you trust; they run `grievance-cli \
            enrol --as ID --code CODE`, choose their own passphrase and make their own keys, which \
            the code certifies. Until then nothing is sealed to them. The code lasts a week and \
            works once; `handler add` again replaces an unused one. An administrator never also \
            holds a role that reads cases. Roles: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).
            """
    )

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption
    @OptionGroup var output: JSONOption

    @Argument(help: "The new person's id (1-64 of a-z, 0-9, '.', '-', '_').")
    var id: String

    @Option(help: "Their name as people know it.")
    var name: String

    @Option(name: .customLong("role"), help: ArgumentHelp("A role; repeat for several.", valueName: "ROLE"))
    var roles: [Role]

    struct Added: Encodable {
        let id: String
        let enrolmentCode: String

        enum CodingKeys: String, CodingKey {
            case id
            case enrolmentCode = "enrolment_code"
        }
    }

    func run() throws {
        guard !roles.isEmpty else { throw CLIFailure(.missing, message: "give at least one --role", hint: "e.g. --role handler") }
        let session = try actor.session(in: directory)
        let code = try session.administration.addPrincipal(id: id, name: name, roles: Set(roles), by: session.actor)
        if output.enabled { return try Output.json(Added(id: id, enrolmentCode: code.formatted)) }
        print("Added \(id) (\(roles.map(\.rawValue).sorted().joined(separator: ", "))). Their one-time enrolment code, valid for a week:")
        print("")
        print("    \(code.formatted)")
        print("")
        print("Give it to \(id) alone; they run: grievance-cli enrol --as \(id) --code CODE")
    }
}
