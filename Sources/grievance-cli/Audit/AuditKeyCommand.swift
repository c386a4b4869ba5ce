import ArgumentParser
import Cases

struct AuditKeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Print the log's public key (vkey), which is all a third party needs to verify an export.")

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption

    func run() throws {
        guard let key = try directory.open().administration.logVerifierKey() else {
            throw CLIFailure(message: "this data directory has no log key", hint: "it was not made by `grievance-cli init`")
        }
        print(key)
    }
}
