import ArgumentParser
import Cases
import Foundation

/// `grievance-cli policy check [FILE]`: reads a procedure file as the system would and says
/// whether it would run on it, or exactly where it is wrong.
struct CheckPolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a procedure file: stages, transitions, deadlines, routing, the appeals panel's stage.",
        discussion: """
            Prints what the file declares and its SHA-256 (the hash the audit log records when it \
            comes into force), or the first mistake as FILE:LINE:COLUMN: PROBLEM. Fails if the \
            file would be refused: among other things, a category routed to roles that cannot read \
            it, a transition nobody may take, or no stage marked for the appeals panel (exit status 65, \
            verification failed). The format \
            is described in docs/PROCEDURE.md.
            """
    )

    @Argument(help: "The procedure file (default: grievance-procedure.yaml in ./policies when there is one, else in share/grievance/policies beside this program's bin/).",
              completion: .file(extensions: ["yaml", "yml"]))
    var file: String?

    @OptionGroup var output: JSONOption

    private struct Accepted: Encodable {
        let valid = true
        let file, name, sha256, appealsPanel: String
        let stages, categories: [String]
        let transitions: Int

        enum CodingKeys: String, CodingKey {
            case valid, file, name, sha256, stages, categories, transitions
            case appealsPanel = "appeals_panel"
        }
    }

    private struct Refused: Encodable {
        struct Location: Encodable {
            let file: String
            let line, column: Int
            let problem: String
        }

        let valid = false
        let error: Location
    }

    func run() throws {
        let file = self.file ?? SharedFiles.policies() + "/grievance-procedure.yaml"
        let url = URL(fileURLWithPath: file)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw CLIFailure(.notFound, message: "no file at \(file)",
                             hint: "give the procedure file's path; the default is policies/grievance-procedure.yaml in the current folder, else in \(SharedFiles.installedPolicies())")
        }
        let procedure: Procedure
        do {
            procedure = try ProcedureLoader.load(contentsOf: url)
        } catch let error as PolicyError {
            if output.enabled {
                try Output.json(Refused(error: .init(file: file, line: error.line, column: error.column, problem: error.problem)))
                throw CLIFailure.alreadyShown(.doesNotVerify)
            }
            throw CLIFailure(.doesNotVerify, message: "\(file):\(error.line):\(error.column): \(error.problem)",
                             hint: "correct the file and run `grievance-cli policy check` again; docs/PROCEDURE.md lists every key")
        }
        if output.enabled {
            return try Output.json(Accepted(file: file, name: procedure.name, sha256: procedure.sha256, appealsPanel: procedure.panelStage.id,
                                            stages: procedure.stages.map(\.id), categories: procedure.categories.map(\.id),
                                            transitions: procedure.transitions.count))
        }
        print("\(file): ok — \(TerminalText.line(procedure.name))")
        print("  stages:         \(procedure.stages.map(\.id).joined(separator: " → "))")
        print("  transitions:    \(procedure.transitions.count)")
        print("  appeals panel:  works cases in '\(procedure.panelStage.id)'")
        print("  categories:     \(procedure.categories.map(\.id).joined(separator: ", "))")
        print("  sha256:         \(procedure.sha256)")
    }
}
