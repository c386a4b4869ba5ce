import ArgumentParser
import Cases
import Foundation
import Summaries

/// What went wrong and what to do next, printed the way age prints it:
/// `grievance-cli: error: …` then `grievance-cli: hint: …`, and a non-zero exit.
struct CLIFailure: Error {
    let message: String
    let hint: String?

    init(message: String, hint: String?) {
        self.message = message
        self.hint = hint
    }

    /// The failure to print for an error thrown by Cases or the system; nil for the argument
    /// parser's own errors and exit codes, which it prints itself.
    init?(_ error: any Error) {
        switch error {
        case let failure as CLIFailure: self = failure
        case let error as CasesError: self.init(message: error.description, hint: error.hint)
        case let error as DataDirectoryError: self.init(message: error.description, hint: error.hint)
        case let error as FileError: self.init(message: error.description, hint: error.hint)
        case let error as SummaryError: self.init(message: error.message, hint: error.hint)
        case let error as SummaryCatalogError: self.init(message: error.message, hint: nil)
        case let error as PolicyError:
            self.init(message: "\(error.file):\(error.line):\(error.column): \(error.problem)",
                      hint: "correct the file and run `grievance-cli policy check FILE`; docs/PROCEDURE.md lists every key")
        case is ExitCode, is CleanExit, is ValidationError: return nil
        // Help, usage and completion requests the parser raises while "running" its own commands.
        case _ where String(reflecting: type(of: error)).hasPrefix("ArgumentParser."): return nil
        default:
            // A database or file error: its own words, never a trace.
            self.init(message: "\(error)", hint: "if this persists, run `grievance-cli audit verify` and check the data directory")
        }
    }

    /// Prints to standard error and returns the exit code to throw.
    func report() -> ExitCode {
        var standardError = StandardError()
        // A message may quote what a file or the database held: shown as any other's text is.
        print("grievance-cli: error: \(TerminalText.line(message))", to: &standardError)
        if let hint { print("grievance-cli: hint: \(TerminalText.line(hint))", to: &standardError) }
        return ExitCode(1)
    }
}

/// Standard error as a text stream.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) { FileHandle.standardError.write(Data(string.utf8)) }
}

extension FileError {
    var hint: String {
        switch code {
        case .exists: "give a new file name; nothing is overwritten"
        case .cannotCreate, .cannotWrite: "give a new file in a folder you can write to"
        case .cannotRead: "check the path"
        case .unrecognised: "check that this is the file you meant"
        case .damaged: "check the copy against the one kept apart, and the passphrase with whoever made it"
        }
    }
}
