import ArgumentParser

/// `grievance-cli event …`: the register of events, each with its own intake link.
struct EventCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "event",
        abstract: "Add and list the events reports can be about.",
        subcommands: [AddEventCommand.self, ListEventsCommand.self]
    )
}
