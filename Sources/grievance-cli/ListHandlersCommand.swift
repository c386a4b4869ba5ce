import ArgumentParser
import Cases
import GrievanceCrypto

struct ListHandlersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List everyone with an account, their roles and whether they are disabled.")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() throws {
        let people = try global.open().service.principals()
        if json {
            Output.json(people.map { person -> [String: Any] in
                ["id": person.id, "name": person.name, "roles": person.roles.sorted().map(\.rawValue), "disabled": person.isDisabled,
                 "box_public_key": Hex.encode(person.boxPublicKey), "signing_public_key": Hex.encode(person.signingPublicKey)]
            })
            return
        }
        Output.table(["ID", "NAME", "ROLES", "STATUS"], people.map { person in
            [person.id, person.name, person.roles.sorted().map(\.rawValue).joined(separator: ","), person.isDisabled ? "disabled" : "active"]
        })
    }
}
