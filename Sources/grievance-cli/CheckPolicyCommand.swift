import ArgumentParser
import Cases
import Foundation

/// `grievance-cli policy check [FILE]`: reads a procedure file as the system would and says
/// whether it would run on it, or exactly where it is wrong.
struct CheckPolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a procedure file: stages, transitions, deadlines, routing.",
        discussion: """
            Prints what the file declares and its SHA-256 (the hash the audit log records when it \
            comes into force), or the first mistake as FILE:LINE:COLUMN: PROBLEM. Exits 1 if the \
            file would be refused. The format is described in docs/PROCEDURE.md.
            """
    )

    @Argument(help: "The procedure file.", completion: .file(extensions: ["yaml", "yml"]))
    var file = "policies/grievance-procedure.yaml"

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() throws {
        let url = URL(fileURLWithPath: file)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw CLIFailure(message: "no file at \(file)",
                             hint: "give the procedure file's path; the default is policies/grievance-procedure.yaml in the current folder")
                .report()
        }
        let procedure: Procedure
        do {
            procedure = try ProcedureLoader.load(contentsOf: url)
        } catch let error as PolicyError {
            if json {
                printJSON(["valid": false, "error": ["file": file, "line": error.line, "column": error.column, "problem": error.problem]])
                throw ExitCode(1)
            }
            throw CLIFailure(message: "\(file):\(error.line):\(error.column): \(error.problem)",
                             hint: "correct the file and run `grievance-cli policy check` again; docs/PROCEDURE.md lists every key")
                .report()
        }
        if json {
            printJSON([
                "valid": true, "file": file, "name": procedure.name, "sha256": procedure.hash.hex,
                "stages": procedure.stages.map(\.id), "transitions": procedure.transitions.count,
                "categories": procedure.categories.map(\.id),
            ])
        } else {
            print("\(file): ok — \(procedure.name)")
            print("  stages:      \(procedure.stages.map(\.id).joined(separator: " → "))")
            print("  transitions: \(procedure.transitions.count)")
            print("  categories:  \(procedure.categories.map(\.id).joined(separator: ", "))")
            print("  sha256:      \(procedure.hash.hex)")
        }
    }

    private func printJSON(_ object: [String: Any]) {
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])  // plain values only
        print(String(decoding: data, as: UTF8.self))
    }
}
