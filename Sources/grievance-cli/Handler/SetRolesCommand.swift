import ArgumentParser
import Cases

struct SetRolesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-roles",
        abstract: "Replace a person's roles (administrators only).",
        discussion: """
            New roles route new cases; cases already sealed to the person stay with them unless no \
            role they keep reads cases, in which case their keys are deleted. Granting admin gives \
            them the log key.
            """)

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption
    @OptionGroup var output: JSONOption

    @Argument(help: "The person's id.")
    var id: String

    @Option(name: .customLong("role"), help: ArgumentHelp("A role; repeat for several.", valueName: "ROLE"))
    var roles: [Role]

    private struct Changed: Encodable {
        let id: String
        let roles: [String]
    }

    func run() throws {
        guard !roles.isEmpty else { throw CLIFailure(.missing, message: "give at least one --role", hint: "e.g. --role handler --role investigator") }
        let session = try actor.session(in: directory)
        try session.administration.setRoles(of: id, to: Set(roles), by: session.actor)
        if output.enabled { return try Output.json(Changed(id: id, roles: Set(roles).sorted().map(\.rawValue))) }
        print("\(id) now has: \(Set(roles).sorted().map(\.rawValue).joined(separator: ", ")).")
    }
}
