import ArgumentParser
import Cases
import Foundation
import Summaries

struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Release an anonymised summary of a period for a committee.",
        discussion: """
            Counts cases from clear metadata only: it opens no case and the person running it \
            holds no case key (the executive role, or an administrator). Every count from 1 to \
            one under the procedure's threshold is withheld as "<5", and more are withheld so that \
            none can be worked out from totals or from any summary released before — each release \
            is kept in a ledger, its hash in the audit log. Only periods that have ended are \
            summarised. Each summary carries the latest signed checkpoint of the audit log. \
            The method, and what it does not protect against: docs/SUMMARIES.md.
            """)

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption

    @Option(help: ArgumentHelp("A quarter (2027-Q1), a month (2027-03) or a year (2027).", valueName: "PERIOD"))
    var period: String?

    @Flag(help: "Summarise any run of whole months, given by --from and --to (checked against every earlier release like any other).")
    var adHoc = false

    @Option(help: ArgumentHelp("With --ad-hoc: the first month.", valueName: "YYYY-MM"))
    var from: String?

    @Option(help: ArgumentHelp("With --ad-hoc: the last month.", valueName: "YYYY-MM"))
    var to: String?

    @Option(help: "Who it is for: executive (the Executive Committee), officers (the monthly digest of what is overdue) or gender (the Gender Committee).")
    var audience: SummaryAudience = .executive

    @Option(help: "markdown, csv, json or html (one self-contained page).")
    var format: SummaryFormat = .markdown

    @Option(help: ArgumentHelp("The language of markdown and html: \(SummaryCatalog.languages.joined(separator: ", ")).", valueName: "CODE"))
    var language = "en"

    @Option(help: ArgumentHelp("Write it to this file instead of standard output.", valueName: "FILE"))
    var out: String?

    @Flag(name: .customLong("json"), help: "With --out: say what was released and where as JSON (the summary itself as JSON is --format json).")
    var json = false

    /// What `--json` prints once the summary is written to `--out`.
    private struct Released: Encodable {
        let period, audience, format, language, file: String
        let sha256: String?
    }

    func validate() throws {
        switch (period, adHoc) {
        case (nil, false): throw ValidationError("give --period (2027-Q1, 2027-03 or 2027), or --ad-hoc with --from and --to")
        case (.some, true): throw ValidationError("give --period or --ad-hoc, not both")
        case (nil, true) where from == nil || to == nil: throw ValidationError("--ad-hoc needs --from and --to (months, as 2027-02)")
        case (.some, false) where from != nil || to != nil: throw ValidationError("--from and --to go with --ad-hoc")
        default: break
        }
        if json, out == nil {
            throw ValidationError("--json describes the file --out writes; for the summary itself as JSON, give --format json")
        }
        guard SummaryCatalog.languages.contains(language) else {
            throw ValidationError("no summary catalogue for \(language): choose one of \(SummaryCatalog.languages.joined(separator: ", "))")
        }
    }

    func run() throws {
        let summaryPeriod = try period.map { try SummaryPeriod(parsing: $0) } ?? SummaryPeriod(adHocFrom: from!, to: to!)
        let session = try actor.session(in: directory)
        let document = try SummaryDesk(installation: session.installation).release(summaryPeriod, for: audience, by: session.actor)
        let text: String = switch format {
        case .markdown: try SummaryRendering.markdown(document, language: language)
        case .csv: SummaryRendering.csv(document)
        case .html: try SummaryRendering.html(document, language: language)
        case .json: try SummaryRendering.json(document)
        }
        guard let out else { return print(text, terminator: text.hasSuffix("\n") ? "" : "\n") }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
        } catch {
            throw CLIFailure(.environment, message: "cannot write \(out): \(error.localizedDescription)",
                             hint: "the summary was released and recorded; `summary` again with the same period gives the same one")
        }
        if json {
            return try Output.json(Released(period: document.period, audience: document.audience.rawValue, format: format.rawValue, language: language,
                                            file: out, sha256: document.sha256))
        }
        FileHandle.standardError.write(Data("Released \(document.period) for \(document.audience.rawValue) (sha256 \(document.sha256 ?? "")); written to \(out)\n".utf8))
    }
}
