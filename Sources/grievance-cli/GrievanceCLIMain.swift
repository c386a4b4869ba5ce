import ArgumentParser
import Cases

/// Turns core dumps off before any command runs, then runs the command tree, turning every
/// failure of a command into one `error:` line, one `hint:` line and its exit status
/// (`ExitStatus`).
@main
enum GrievanceCLIMain {
    static func main() async {
        guard ProcessSafety.disableCoreDumps() else {
            GrievanceCLI.exit(withError: ErrorReport.print(
                CLIFailure(.environment, message: ProcessSafety.refusal, hint: "check the process limits (ulimit -c) and the kernel's ptrace settings")))
        }
        let command: any ParsableCommand
        do {
            command = try GrievanceCLI.parseAsRoot()
        } catch {
            // Usage mistakes, --help, --version and completion scripts: the parser's own output.
            GrievanceCLI.exit(withError: error)
        }
        do {
            try await run(command)
        } catch {
            GrievanceCLI.exit(withError: ErrorReport.print(error))
        }
    }

    /// Runs a parsed command, asynchronous or not: from `main`, and from the shell for each line.
    static func run(_ command: any ParsableCommand) async throws {
        if var asyncCommand = command as? AsyncParsableCommand {
            try await asyncCommand.run()
        } else {
            var command = command
            try command.run()
        }
    }
}
