import ArgumentParser
import Cases

struct AuditKeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Print the log's public key (vkey), which is all a third party needs to verify an export.",
        discussion: """
            With --organisation, prints the organisation key instead, as your own state pinned it: \
            install it for the server as /etc/grievance/organisation-key (owned by root), or give \
            it with the server's --org-key.
            """)

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption

    @Flag(name: .customLong("organisation"), help: "Print the organisation key, which certifies people's keys.")
    var organisation = false

    func run() throws {
        if organisation { return print(try directory.open().administration.organisationKey()) }
        guard let key = try directory.open().administration.logVerifierKey() else {
            throw CLIFailure(.notFound, message: "this data directory has no log key", hint: "it was not made by `grievance-cli init`")
        }
        print(key)
    }
}
