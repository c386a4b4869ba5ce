import ArgumentParser

/// `grievance-cli notify …`: the command that carries notifications.
struct NotifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify",
        abstract: "Set, show and test the command that carries notifications (new urgent and safeguarding cases, daily digests).",
        discussion: """
            Notifications carry case references, categories, stages and deadlines, never a case's \
            content. They go through one command, named in the data directory's config.json and \
            signed by an administrator: the local sendmail, a webhook client, anything that reads its \
            standard input. Each run gets one message, for one person, whose id is in \
            GRIEVANCE_NOTIFY_TO and in the message's To: line. docs/CLI.md shows how.
            """,
        subcommands: [SetNotifyCommand.self, ShowNotifyCommand.self, TestNotifyCommand.self, ClearNotifyCommand.self]
    )
}
