import Foundation

/// Asks before what cannot be undone: `--yes` answers for scripts; on a terminal the person
/// types "yes"; anything else — no terminal and no --yes — refuses rather than guess.
enum Confirmation {
    static func require(_ what: String, yes: Bool) throws {
        if yes { return }
        guard isatty(STDIN_FILENO) == 1 else {
            throw CLIFailure(.missing, message: "\(what) cannot be undone, and there is no terminal to ask", hint: "add --yes to confirm")
        }
        var standardError = StandardError()
        print("\(what) cannot be undone. Type yes to go on: ", terminator: "", to: &standardError)
        guard readLine()?.trimmingCharacters(in: .whitespaces).lowercased() == "yes" else {
            throw CLIFailure(.declined, message: "not confirmed; nothing was changed", hint: nil)
        }
    }
}
