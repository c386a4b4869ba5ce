import ArgumentParser
import Cases
import Foundation

struct MigrateStorageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Copy the data directory's SQLite tables into an empty PostgreSQL database and switch to it.",
        discussion: """
            Stop the server first. Copies every table in one transaction on each side, verifies the \
            audit log as PostgreSQL holds it (and that it is the very log SQLite held), then writes \
            the database's URL into config.json and renames grievance.sqlite to \
            \(Installation.migratedDatabaseName). Refuses a database that holds an installation \
            already, so it never runs twice. Remove the renamed file once the new engine has been \
            checked: it holds every ciphertext retention would end. The password is never in the \
            URL nor in config.json: every program reads it from /etc/grievance/database-password, \
            or the file GRIEVANCE_DATABASE_PASSWORD_FILE names, or GRIEVANCE_DATABASE_PASSWORD.
            """)

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var organisationKey: OrganisationKeyOption
    @OptionGroup var json: JSONOption

    @Option(help: ArgumentHelp("The empty PostgreSQL database to move to.", valueName: "postgres://USER@HOST[:PORT]/DATABASE"))
    var to: String

    func run() throws {
        let installation = try organisationKey.pinned.map { try DataDirectory(path: directory.path).open(organisationKey: $0) } ?? directory.open()
        var progress = ProgressLine("rows copied:", quiet: json.enabled)
        var copied = 0
        var last: (String, Int) = ("", 0)
        let report = try installation.migrateStorage(to: to) { table, count in
            if table != last.0 { last = (table, 0) }
            copied += count - last.1
            last.1 = count
            progress.update(UInt64(copied))
        }
        progress.finish()
        if json.enabled { return try Output.json(report) }
        print("Copied \(report.rows.values.reduce(0, +).formatted()) rows into \(report.to); its audit log of \(report.auditEntries) entries verifies (root \(report.auditRoot)).")
        print("config.json now names it. The SQLite file is kept as \(report.previousDatabase): remove it once you have checked the new engine.")
    }
}
