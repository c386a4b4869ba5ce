import ArgumentParser
import Cases

struct SetNotifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Set the notification command, signed by you (administrators only).",
        discussion: """
            Give the program by its absolute path, and its arguments, after `--`: \
            `grievance-cli notify set --as ADMIN -- /usr/sbin/sendmail -t`. It runs without a shell, \
            as whoever files or reminds (the server's user, a handler, the timer's), with the message \
            on its standard input and GRIEVANCE_NOTIFY_TO, GRIEVANCE_NOTIFY_KIND and \
            GRIEVANCE_NOTIFY_SUBJECT set, and nothing else of the caller's environment but PATH, HOME, \
            the locale, TZ, USER, LOGNAME and TMPDIR. Whoever can write the data directory could \
            name a command of their own, so your signature goes with it, and a command no trusted \
            administrator signed is never run. Keep a webhook's credentials in the client's own \
            file, not among the arguments: config.json and the audit log are not for secrets.
            """)

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption

    @Option(help: ArgumentHelp("Seconds the command may run before it is stopped (1 to 300).", valueName: "SECONDS"))
    var timeout = NotifySettings.defaultTimeoutSeconds

    @Option(help: "How the message is written: mail (for sendmail -t) or json (for a webhook client).")
    var format = NotificationFormat.mail

    @Argument(help: ArgumentHelp("The program, by its absolute path, and its arguments, after --.", valueName: "COMMAND"))
    var command: [String]

    func run() throws {
        let settings = try NotifySettings(command: command, timeoutSeconds: timeout, format: format)
        let session = try actor.session(in: directory)
        try session.installation.configureNotifications(settings, by: session.actor)
        print("Notifications now go through \(TerminalText.line(command.joined(separator: " "))) (\(format.rawValue), at most \(timeout) s each), signed by \(session.actor.id).")
        print("Try it: grievance-cli notify test --to ID")
    }
}
