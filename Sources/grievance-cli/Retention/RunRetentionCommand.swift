import ArgumentParser
import Cases

struct RunRetentionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Shred the closed cases whose retention has passed under the procedure.",
        discussion: """
            An administrator's task. A case's time runs from its last activity (its closing, a \
            message from the reporter, a note, a hold released) for the longest of the procedure's \
            rules that apply to it (retention: closed-cases, by-category, by-outcome). Shredding \
            deletes every copy of its key, its records and its attachments; its clear metadata stays \
            for the summaries and the log keeps every entry. Only closed cases are ended; held ones \
            (`case hold`) never are. --dry-run lists what would go and why. A run that is not a \
            dry run also removes the database's old copies of what was shredded; if something \
            still running kept them, it says so, and the next run removes them.
            """)

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption
    @OptionGroup var json: JSONOption

    @Flag(name: .customLong("dry-run"), help: "List what would be shredded, and why; change nothing.")
    var dryRun = false

    @Flag(help: "Shred without asking (for scripts).")
    var yes = false

    func run() throws {
        let session = try actor.session(in: directory)
        var run = try session.administration.runRetention(by: session.actor, dryRun: true)
        if !dryRun, !run.due.isEmpty {
            if !json.enabled { show(run) }
            try Confirmation.require("Shredding \(run.due.count) case\(run.due.count == 1 ? "" : "s")", yes: yes)
            // Only what was shown: a case that came due while the question was open waits for the next run.
            run = try session.administration.runRetention(by: session.actor, dryRun: false, only: Set(run.due.map(\.reference)))
        } else if !dryRun {
            // Nothing to shred: still removes the copies an earlier run could not.
            run = try session.administration.runRetention(by: session.actor, dryRun: false, only: [])
        }
        if json.enabled { return try Output.json(run) }
        if dryRun || run.due.isEmpty { show(run) }
        if !run.shredded.isEmpty {
            print("Shredded \(run.shredded.count): \(run.shredded.map(\.rawValue).joined(separator: ", ")).")
        }
        if !dryRun, !run.logFileEmptied {
            print("""
                note: the database's files still hold old copies of shredded cases' rows: something still \
                running kept them (a reader of SQLite's write-ahead log, or on PostgreSQL a transaction \
                older than the shredding). Run `grievance-cli retention run` again later; it removes them \
                even when nothing is due.
                """)
        }
    }

    private func show(_ run: RetentionRun) {
        let due = run.due
        let held = run.held
        print(due.isEmpty ? "No case is due to be shredded." : "\(dryRun ? "Would shred" : "Due") (\(due.count)):")
        for decision in due { print("  \(decision.reference)  \(decision.category)  \(decision.why)") }
        if !held.isEmpty {
            print("Held, so kept (\(held.count)):")
            for decision in held { print("  \(decision.reference)  \(decision.category)  \(decision.why)") }
        }
        let kept = run.decisions.count - due.count - held.count
        if kept > 0, let next = run.decisions.first(where: { $0.verdict == .kept }) {
            print("\(kept) closed case\(kept == 1 ? "" : "s") kept; the next ends \(Output.short(next.ends)) (\(next.reference)).")
        }
    }
}
