import ArgumentParser
import Cases

struct OpenCaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "File a report on a reporter's behalf (hotline, in person, e-mail).",
        discussion: """
            Prints the case reference and the reporter's receipt. Pass the receipt to the reporter \
            and to nobody else: it is their only way to follow the case, it is stored nowhere, and \
            it cannot be shown again. Categories are those of the procedure \
            (`grievance-cli policy check` lists them).

            An urgent case, or one of a category routed to the safeguarding lead, is announced to \
            the safeguarding leads who hold it at once, through the notification command \
            (`grievance-cli notify`), after it is filed: if that fails, the case is filed all the \
            same, and a warning says so.

            Options given on the command line stay in the shell's history and can be read by other \
            users in /proc while the command runs. For names, contacts and what happened, prefer \
            --texts-from-stdin: standard input is then one JSON object with any of description, \
            occurred, location, respondent, witnesses, reporter_name and reporter_contact (the \
            names of the JSON API), e.g. from a here-document.
            """)

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption
    @OptionGroup var output: JSONOption

    @Option(help: "The category, e.g. harassment, safeguarding-child.")
    var category: String

    @Option(help: "How the report reached you: hotline, in-person or email.")
    var channel: IntakeChannel

    @Option(help: "What happened, in the reporter's words (default: read from standard input).")
    var description: String?

    @Option(help: ArgumentHelp("The event it happened at (its slug); leave out for the organisation itself.", valueName: "SLUG"))
    var event: String?

    @Option(help: "When it happened.")
    var occurred: String?

    @Option(help: "Where it happened.")
    var location: String?

    @Option(help: "Who the report is about.")
    var respondent: String?

    @Option(help: "The respondent's role under the Code of Conduct.")
    var respondentRole: RespondentRole?

    @Option(help: "Who saw it.")
    var witnesses: String?

    @Option(help: "The reporter's name, if they give it.")
    var reporterName: String?

    @Option(help: "How to reach the reporter, if they agree to it.")
    var reporterContact: String?

    @Option(name: .customLong("consent"),
            help: ArgumentHelp("A way the reporter agrees to be contacted (email, phone, …); repeat for several.", valueName: "CHANNEL"))
    var consents: [String] = []

    @Option(help: "The region it concerns.")
    var region: Region?

    @Option(help: ArgumentHelp("The language the report is in: \(IntakeLimits.languages.joined(separator: ", ")).", valueName: "LANG"))
    var language: String?

    @Option(help: ArgumentHelp("The reporter's self-declared gender, if they give it (for the anonymised statistics only): "
                               + ReporterGender.allCases.map(\.rawValue).joined(separator: ", ") + ".", valueName: "GENDER"))
    var gender: ReporterGender?

    @Flag(help: "Read the report's texts from standard input, as one JSON object, instead of from options.")
    var textsFromStdin = false

    @Option(name: .customLong("exclude"), help: ArgumentHelp("A handler the reporter wants kept away from the case; repeat for several.",
                                                             valueName: "ID"))
    var excluded: [String] = []

    @Flag(help: "A crisis or immediate risk: the safeguarding lead gets the case at once.")
    var urgent = false

    func run() async throws {
        let session = try actor.session(in: directory)
        let texts = try textsFromStdin ? ReportTexts.read() : ReportTexts()
        func pick(_ option: String?, _ fromInput: String?, _ name: String) throws -> String? {
            if option != nil, fromInput != nil {
                throw CLIFailure(.unusable, message: "\(name) was given both as an option and on standard input", hint: "give each text once")
            }
            return option ?? fromInput
        }
        let description = try pick(self.description, texts.description, "the description")
        let content = ComplaintContent(
            description: textsFromStdin ? description ?? "" : try TextInput.read(description, what: "description", option: "--description"),
            occurred: try pick(occurred, texts.occurred, "occurred"), location: try pick(location, texts.location, "location"),
            respondent: try pick(respondent, texts.respondent, "respondent"), witnesses: try pick(witnesses, texts.witnesses, "witnesses"),
            reporterName: try pick(reporterName, texts.reporterName, "reporter_name"),
            reporterContact: try pick(reporterContact, texts.reporterContact, "reporter_contact"),
            contactConsent: Dictionary(consents.map { ($0, true) }, uniquingKeysWith: { first, _ in first }))
        let filed = try session.casework.file(
            Intake(category: category, event: event, respondentRole: respondentRole, region: region, language: language, urgent: urgent,
                   reporterGender: gender, excludeHandlers: excluded, content: content),
            channel: channel, by: session.actor)
        if output.enabled {
            try Output.json(["reference": filed.reference.rawValue, "receipt": filed.receipt.formatted, "stage": filed.stage])
        } else {
            print("Filed \(filed.reference) (stage \(filed.stage)).")
            print("Receipt for the reporter, shown once: \(filed.receipt.formatted)")
        }
        // Only once the receipt is shown: the case is filed, whatever the command does.
        await Announcing.announce(filed, in: session.installation)
    }
}
