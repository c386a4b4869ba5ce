import ArgumentParser
import Cases
import Foundation

/// `grievance-cli policy install FILE`: a new procedure put in force, safely.
struct InstallPolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Put a new procedure in force: validated, its effect on open cases shown, refused if it would strand one.",
        discussion: """
            An administrator's task. Checks FILE as `policy check` does, then lists what changes for \
            the cases that are open — stages and categories removed or added, stage deadlines that \
            move — and refuses, changing nothing, while any open case sits in a stage or category \
            the new file does not have. --dry-run shows the same and installs nothing. The log \
            records the old and new SHA-256. Restart the server afterwards (`systemctl restart \
            grievance-server`): a running process keeps the procedure it loaded.
            """)

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption
    @OptionGroup var json: JSONOption

    @Argument(help: "The new procedure file.", completion: .file(extensions: ["yaml", "yml"]))
    var file: String

    @Flag(name: .customLong("dry-run"), help: "Show what would change; install nothing.")
    var dryRun = false

    func run() throws {
        guard let text = FileManager.default.contents(atPath: file) else { throw FileError(path: file, code: .cannotRead("it cannot be read")) }
        let session = try actor.session(in: directory)
        let change: ProcedureChange
        if dryRun {
            change = try session.installation.previewProcedure(text, file: file)
        } else {
            do {
                change = try session.installation.installProcedure(text, file: file, by: session.actor)
            } catch let error as CasesError {
                if case .procedureStrands = error.code, !json.enabled {
                    show(try session.installation.previewProcedure(text, file: file))
                }
                throw error
            }
        }
        if json.enabled { return try Output.json(change) }
        show(change)
        if change.isUnchanged {
            print("This procedure is already in force (sha256 \(change.newSHA256.prefix(16))…); nothing to do.")
        } else if change.installed {
            print("Installed \(TerminalText.line(change.newName)) (sha256 \(change.newSHA256.prefix(16))…). Restart the server to use it there.")
        } else if dryRun {
            print(change.stranded.isEmpty ? "It can be installed: run again without --dry-run." : "It would be refused: \(change.stranded.count) open case(s) stranded.")
        }
    }

    private func show(_ change: ProcedureChange) {
        print("From sha256 \(change.currentSHA256.prefix(16))… to \(change.newSHA256.prefix(16))… (\(TerminalText.line(change.newName))); \(change.openCases) open case(s).")
        for (label, list) in [("stages removed", change.stagesRemoved), ("stages added", change.stagesAdded),
                              ("categories removed", change.categoriesRemoved), ("categories added", change.categoriesAdded)] where !list.isEmpty {
            print("  \(label): \(list.joined(separator: ", "))")
        }
        if change.retentionChanged { print("  retention rules change (docs/PROCEDURE.md)") }
        for moved in change.deadlinesMoved {
            print("  deadline moves: \(moved.reference) in \(moved.stage): \(moved.from.map(Output.short) ?? "none") → \(moved.to.map(Output.short) ?? "none")")
        }
        for stranded in change.stranded { print("  STRANDED: \(stranded.reference): \(stranded.why)") }
    }
}
