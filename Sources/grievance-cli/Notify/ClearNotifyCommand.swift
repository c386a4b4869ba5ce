import ArgumentParser
import Cases

struct ClearNotifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clear",
        abstract: "Stop sending notifications (administrators only).",
        discussion: "Removes the command from config.json; `reminders` still shows what is due, and `reminders --notify` then fails, saying so.")

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption

    func run() throws {
        let session = try actor.session(in: directory)
        try session.installation.configureNotifications(nil, by: session.actor)
        print("No notifications will be sent.")
    }
}
