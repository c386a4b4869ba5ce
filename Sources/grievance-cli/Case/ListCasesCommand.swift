import ArgumentParser
import Cases

struct ListCasesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the cases you may open, soonest deadline first.",
        discussion: "Only clear metadata is read: listing opens no case and is not logged as a read. A case is listed when the access rule lets you read it, which is when `case show` opens it (docs/ACCESS.md).")

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption
    @OptionGroup var output: JSONOption

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

    func run() throws {
        let session = try actor.session(in: directory)
        let listings = try session.casework.list(for: session.actor).filter { listing in
            (stage == nil || listing.summary.stage == stage) && (category == nil || listing.summary.category == category)
                && (event == nil || listing.summary.event == event) && (!mine || listing.assignedToMe)
                && (!due || listing.isDueSoon) && (!overdue || listing.isOverdue)
        }
        if output.enabled { return try Output.json(listings) }
        guard !listings.isEmpty else { return print("No cases.") }
        Output.table(["REFERENCE", "STAGE", "DUE", "CATEGORY", "EVENT", "FLAGS"], listings.map { listing in
            let flags = [listing.summary.urgent ? "urgent" : nil, listing.assignedToMe ? "assigned" : nil, listing.isOverdue ? "OVERDUE" : nil]
            return [listing.summary.reference.rawValue, listing.summary.stage, listing.deadline.map(Output.short) ?? "-", listing.summary.category,
                    listing.summary.event ?? "-", flags.compactMap { $0 }.joined(separator: ",")]
        })
    }
}
