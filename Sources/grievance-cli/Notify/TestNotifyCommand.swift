import ArgumentParser
import Cases
import Foundation

struct TestNotifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Send a test notification, naming no case, to one person.",
        discussion: "Needs no passphrase. Exits 1, saying why, if the command fails, overstays its time or is not signed by a trusted administrator.")

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption
    @OptionGroup var output: JSONOption

    @Option(help: ArgumentHelp("The person to send it to.", valueName: "ID"))
    var to: String

    func run() async throws {
        let installation = try directory.open()
        guard try installation.administration.principals().contains(where: { $0.id == to }) else { throw CasesError(.noSuchPerson(to)) }
        guard let notifier = try installation.notifier() else {
            throw CLIFailure(.environment, message: "no notification command is configured", hint: "an administrator sets one: grievance-cli notify set --as ADMIN -- /usr/sbin/sendmail -t")
        }
        let outcome = await notifier.send(Notification(recipient: to, kind: .test, reminders: [], madeAt: Date()))
        if output.enabled {
            try Output.json(outcome)
            if !outcome.isDelivered { throw ExitStatus.couldNotRun.exitCode }
            return
        }
        if let failure = outcome.failure {
            throw CLIFailure(.environment, message: "could not notify \(to): \(failure)", hint: "run the command by hand with a message on its standard input to see what it says")
        }
        print("Sent a test notification to \(to) through \(TerminalText.line(notifier.settings.command.joined(separator: " "))).")
    }
}
