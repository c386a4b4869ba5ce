import ArgumentParser
import Cases
import Foundation

struct PruneBackupsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Delete the backups in a folder that a daily, weekly and monthly rotation does not keep.",
        discussion: """
            Keeps the newest backup of each of the last --daily days, --weekly weeks and --monthly \
            months (UTC calendar periods counted back from today), and deletes every other file in \
            FOLDER whose header says it is a Grievance backup; nothing else is touched. Nothing \
            older than --monthly months survives, so a case retention has shredded is gone from \
            every backup within that time. --dry-run shows the decisions and deletes nothing.
            """)

    @Argument(help: ArgumentHelp("The folder the backups are in.", valueName: "FOLDER"), completion: .directory)
    var folder: String

    @Option(help: "Days to keep one backup each.")
    var daily = 7

    @Option(help: "Weeks to keep one backup each.")
    var weekly = 5

    @Option(help: "Months to keep one backup each.")
    var monthly = 12

    @Flag(name: .customLong("dry-run"), help: "Show what would be deleted, and delete nothing.")
    var dryRun = false

    @OptionGroup var json: JSONOption

    func run() throws {
        let rotation = try BackupRotation(daily: daily, weekly: weekly, monthly: monthly)
        let decisions = try Backup.prune(folder, rotation: rotation, dryRun: dryRun)
        if json.enabled { return try Output.json(decisions) }
        guard !decisions.isEmpty else { return print("No backups in \(folder).") }
        Output.table(["made", dryRun ? "would" : "done", "file", "kept for"], decisions.map { decision in
            [Output.short(decision.created), decision.isKept ? "keep" : (dryRun ? "delete" : "deleted"),
             (decision.file as NSString).lastPathComponent, decision.keptFor.joined(separator: ", ")]
        })
    }
}
