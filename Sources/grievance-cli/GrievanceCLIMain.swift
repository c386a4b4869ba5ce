import ArgumentParser
import Cases

/// Turns core dumps off before any command runs, then runs the command tree, turning every
/// failure of a command into one `error:` line and one `hint:` line on standard error.
@main
enum GrievanceCLIMain {
    static func main() async {
        guard ProcessSafety.disableCoreDumps() else {
            GrievanceCLI.exit(withError: CLIFailure(message: ProcessSafety.refusal, hint: "check the process limits (ulimit -c) and the kernel's ptrace settings").report())
        }
        var command: any ParsableCommand
        do {
            command = try GrievanceCLI.parseAsRoot()
        } catch {
            // Usage mistakes, --help, --version and completion scripts: the parser's own output.
            GrievanceCLI.exit(withError: error)
        }
        do {
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            GrievanceCLI.exit(withError: CLIFailure(error).map { $0.report() } ?? error)
        }
    }
}
