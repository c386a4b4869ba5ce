import ArgumentParser
import Cases

struct ListEventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the events and their intake links.")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() throws {
        let installation = try global.open()
        let events = try installation.service.events()
        if json {
            Output.json(events.map { event -> [String: Any] in
                ["slug": event.slug, "name": event.name, "type": event.kind.rawValue, "city": Output.optional(event.city),
                 "country": Output.optional(event.country), "online": event.online, "starts": event.starts, "ends": event.ends,
                 "intake_link": installation.configuration.intakeLink(event: event.slug)]
            })
            return
        }
        Output.table(["SLUG", "NAME", "DATES", "TYPE", "PLACE", "INTAKE LINK"], events.map { event in
            [event.slug, event.name, "\(event.starts) – \(event.ends)", event.kind.rawValue,
             event.online ? "online" : "\(event.city ?? ""), \(event.country ?? "")", installation.configuration.intakeLink(event: event.slug)]
        })
    }
}
