import ArgumentParser
import Foundation

/// What went wrong and what to do next, printed the way age prints it:
/// `grievance-cli: error: …` then `grievance-cli: hint: …`, and a non-zero exit.
struct CLIFailure: Error {
    let message: String
    let hint: String?

    /// Prints to standard error and returns the exit code to throw.
    func report() -> ExitCode {
        var standardError = StandardError()
        print("grievance-cli: error: \(message)", to: &standardError)
        if let hint { print("grievance-cli: hint: \(hint)", to: &standardError) }
        return ExitCode(1)
    }
}

/// Standard error as a text stream.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) { FileHandle.standardError.write(Data(string.utf8)) }
}
