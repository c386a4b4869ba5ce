import ArgumentParser
import Cases

struct ListEventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the events and their intake links.")

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption
    @OptionGroup var output: JSONOption

    /// An event as `--json` shows it: its fields and its own intake link.
    private struct Listing: Encodable {
        let event: Event
        let link: String

        func encode(to encoder: any Encoder) throws {
            try event.encode(to: encoder)
            var keyed = encoder.container(keyedBy: Key.self)
            try keyed.encode(link, forKey: .intakeLink)
        }

        enum Key: String, CodingKey { case intakeLink = "intake_link" }
    }

    func run() throws {
        let installation = try directory.open()
        let events = try installation.administration.events()
        let link = installation.configuration.intakeLink(event:)
        if output.enabled { return try Output.json(events.map { Listing(event: $0, link: link($0.slug)) }) }
        Output.table(["SLUG", "NAME", "DATES", "TYPE", "PLACE", "INTAKE LINK"], events.map { event in
            [event.slug, event.name, "\(event.starts) – \(event.ends)", event.kind.rawValue,
             event.online ? "online" : "\(event.city ?? ""), \(event.country ?? "")", link(event.slug)]
        })
    }
}
