import ArgumentParser
import Cases

struct ShowNotifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show the notification command and whether a trusted administrator's signature on it verifies.",
        discussion: "Needs no passphrase.")

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption
    @OptionGroup var output: JSONOption

    private struct Shown: Encodable {
        let settings: NotifySettings?
        let verified: Bool
        let problem: String?
    }

    func run() throws {
        let installation = try directory.open()
        let settings = try installation.notifySettings()
        var problem: String?
        do {
            _ = try installation.notifier()
        } catch let error as CasesError {
            problem = error.description
        }
        if output.enabled { return try Output.json(Shown(settings: settings, verified: settings != nil && problem == nil, problem: problem)) }
        guard let settings else { return print("No notification command is set; `grievance-cli notify set` sets one.") }
        print("command:   \(TerminalText.line(settings.command.joined(separator: " ")))")
        print("format:    \(settings.format.rawValue)")
        print("timeout:   \(settings.timeoutSeconds) s")
        print("signed by: \(TerminalText.line(settings.signedBy ?? "nobody"))")
        print("verified:  \(problem.map { "NO — \(TerminalText.line($0))" } ?? "yes")")
    }
}
