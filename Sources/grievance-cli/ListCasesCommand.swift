import ArgumentParser
import Cases
import Foundation

struct ListCasesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the cases you hold, soonest deadline first.",
        discussion: "Only clear metadata is read: listing opens no case and is not logged as a read.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Only cases in this stage.")
    var stage: String?

    @Option(help: "Only cases of this category.")
    var category: String?

    @Option(help: ArgumentHelp("Only cases about this event.", valueName: "SLUG"))
    var event: String?

    @Flag(help: "Only cases assigned to you (rather than routed to you).")
    var mine = false

    @Flag(help: "Only cases whose stage is due within 7 days, or overdue.")
    var due = false

    @Flag(help: "Only cases past their stage's deadline.")
    var overdue = false

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() throws {
        let session = try global.session()
        let now = Date()
        let soon = now.addingTimeInterval(7 * 86_400)
        let listings = try session.service.list(for: session.actor).filter { listing in
            (stage == nil || listing.summary.stage == stage) && (category == nil || listing.summary.category == category)
                && (event == nil || listing.summary.event == event) && (!mine || listing.assignedToMe)
                && (!due || (listing.deadline.map { $0 <= soon } ?? false)) && (!overdue || (listing.deadline.map { $0 < now } ?? false))
        }
        if json {
            Output.json(listings.map { CaseRendering.listing($0, now: now) })
            return
        }
        guard !listings.isEmpty else {
            print("No cases.")
            return
        }
        Output.table(["REFERENCE", "STAGE", "DUE", "CATEGORY", "EVENT", "FLAGS"], listings.map { listing in
            let flags = [listing.summary.urgent ? "urgent" : nil, listing.assignedToMe ? "assigned" : nil,
                         listing.deadline.map { $0 < now } == true ? "OVERDUE" : nil].compactMap { $0 }
            return [listing.summary.reference, listing.summary.stage, listing.deadline.map(Output.short) ?? "-", listing.summary.category,
                    listing.summary.event ?? "-", flags.joined(separator: ",")]
        })
    }
}
