import ArgumentParser
import Cases
import Foundation

struct RemindersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reminders",
        abstract: "Show what is due or overdue, per person, from clear metadata only; --notify sends each person their digest.",
        discussion: """
            Needs no passphrase and opens no case, so a timer can run it: it reads only what the \
            database holds in clear — references, categories, stages, deadlines — and who holds each \
            case's key. --as is accepted, as by every command, and unlocks nobody. Each person is \
            reminded of the cases they hold and may work, exactly those their `case list` shows; a \
            case that nobody who may work it holds is shown as unattended, and the administrators \
            are reminded of it. Overdue deadlines are always shown, and so are pressing ones — an \
            urgent case still in its first stage, a deadline a day or less after its stage began (the \
            safeguarding categories' 24-hour initial risk assessment) — whatever --within says.

            With --notify, each person with something due gets one digest through the command the \
            data directory's config.json names (`grievance-cli notify set`). A digest carries \
            references, categories, stages and deadlines, never a case's content. The exit status is \
            1 if any could not be sent.
            """)

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption
    @OptionGroup var output: JSONOption

    @Option(help: ArgumentHelp("How far ahead to look: 36h, 3d, 1w (default: \(ReminderHorizon.standard)).", valueName: "SPAN"))
    var within: String?

    @Option(name: .customLong("for"), help: ArgumentHelp("Only this person's reminders; repeat for several.", valueName: "ID"))
    var people: [String] = []

    @Flag(help: "Send each person with something due their digest through the configured notification command.")
    var notify = false

    func run() async throws {
        let horizon = try within.map(ReminderHorizon.init(parsing:)) ?? .standard
        let installation = try directory.open()
        var report = try installation.reminders.report(within: horizon)
        if !people.isEmpty {
            let known = Set(try installation.administration.principals().map(\.id))
            if let unknown = people.first(where: { !known.contains($0) }) { throw CasesError(.noSuchPerson(unknown)) }
            report = report.only(Set(people))
        }
        guard notify else {
            if output.enabled { return try Output.json(report) }
            return RemindersRendering.print(report)
        }
        guard let notifier = try installation.notifier() else {
            throw CLIFailure(.environment, message: "no notification command is configured in \(installation.directory.configurationURL.path)",
                             hint: "an administrator sets one: grievance-cli notify set --as ADMIN -- /usr/sbin/sendmail -t")
        }
        let outcomes = await notifier.send(report.digests)
        if output.enabled {
            try Output.json(RemindersRendering.Sent(report: report, sent: outcomes))
        } else {
            RemindersRendering.print(outcomes)
        }
        let failed = outcomes.filter { !$0.isDelivered }
        guard failed.isEmpty else {
            if output.enabled { throw ExitStatus.couldNotRun.exitCode }
            throw CLIFailure(.environment, message: "could not notify \(failed.map(\.notification.recipient).joined(separator: ", "))",
                             hint: "check the command with `grievance-cli notify test --to ID`; everyone else was notified")
        }
    }
}
