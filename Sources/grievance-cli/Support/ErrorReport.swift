import ArgumentParser
import Cases
import Summaries

/// Turns whatever a command threw into what a person reads and the status a script reads:
/// `grievance-cli: error: …`, `grievance-cli: hint: …`, and `ExitStatus(classifying:)`. Used by
/// `main` before it exits, and by the shell, which goes on.
enum ErrorReport {
    /// The message and hint for an error of Cases, the command line or the system; nil for the
    /// argument parser's own errors, help and exit codes, which it words itself.
    static func words(for error: any Error) -> (message: String, hint: String?)? {
        switch error {
        case let failure as CLIFailure: (failure.message, failure.hint)
        case let error as CasesError: (error.description, error.hint)
        case let error as DataDirectoryError: (error.description, error.hint)
        case let error as FileError: (error.description, error.hint)
        case let error as SummaryError: (error.message, error.hint)
        case let error as SummaryCatalogError: (error.message, error.hint)
        case let error as PolicyError:
            ("\(error.file):\(error.line):\(error.column): \(error.problem)",
             "correct the file and run `grievance-cli policy check FILE`; docs/PROCEDURE.md lists every key")
        case is ExitCode, is CleanExit, is ValidationError: nil
        // Help, usage and completion requests the parser raises while "running" its own commands.
        case _ where String(reflecting: type(of: error)).hasPrefix("ArgumentParser."): nil
        // A database or file error: its own words, never a trace.
        default: ("\(error)", "if this persists, run `grievance-cli audit verify` and check the data directory")
        }
    }

    /// Prints what `error` says and returns the status to end with. The argument parser's own
    /// errors are printed as it prints them: help and the version on standard output, mistakes
    /// on standard error.
    static func print(_ error: any Error) -> ExitCode {
        var standardError = StandardError()
        guard let (message, hint) = words(for: error) else {
            let text = GrievanceCLI.fullMessage(for: error)
            let code = GrievanceCLI.exitCode(for: error)
            if !text.isEmpty {
                if code == .success { Swift.print(text) } else { Swift.print(text, to: &standardError) }
            }
            return code
        }
        // Empty when the output already said it (a JSON report).
        if !message.isEmpty {
            // A message may quote what a file or the database held: shown as any other's text is.
            Swift.print("grievance-cli: error: \(TerminalText.line(message))", to: &standardError)
            if let hint { Swift.print("grievance-cli: hint: \(TerminalText.line(hint))", to: &standardError) }
        }
        return ExitStatus(classifying: error).exitCode
    }
}
