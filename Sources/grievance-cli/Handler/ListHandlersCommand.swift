import ArgumentParser
import Cases

struct ListHandlersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List everyone with an account, their roles and whether they are disabled.")

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption
    @OptionGroup var output: JSONOption

    func run() throws {
        let people = try directory.open().administration.principals()
        if output.enabled { return try Output.json(people) }
        Output.table(["ID", "NAME", "ROLES", "STATUS"], people.map { person in
            [person.id, person.name, person.roles.sorted().map(\.rawValue).joined(separator: ","), person.isDisabled ? "disabled" : "active"]
        })
    }
}
