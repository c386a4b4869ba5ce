import Cases
import Foundation

/// A failure of the command line itself (not of Cases): what went wrong and what to do next,
/// which `ErrorReport` prints the way age prints it, `grievance-cli: error: …` then
/// `grievance-cli: hint: …`, and the exit status of its kind (`ExitStatus`).
struct CLIFailure: Error {
    /// What kind of thing went wrong in the command line itself; `ExitStatus(classifying:)`
    /// says which exit status each is, beside every error of Cases.
    enum Kind: Sendable, Hashable {
        /// Something the command needs was not given: who you are, a role, a passphrase or a
        /// confirmation with no terminal to ask on.
        case missing
        /// Given, but not usable as given: not UTF-8, not JSON, given twice, passphrases that
        /// differ, a file that exists already.
        case unusable
        /// Something the shell does not do: a command it does not run, another person or data
        /// directory than its own.
        case notInShell
        /// The person answered no at the confirmation.
        case declined
        /// A passphrase file someone else owns or may read.
        case unsafeFile
        /// A file named, or something the data directory should hold, is not there.
        case notFound
        /// Something checked and found wrong: the audit log, a log key that is not the one
        /// pinned, a procedure file.
        case doesNotVerify
        /// The machine could not do it: a program missing or failing, a file that cannot be
        /// written, core dumps that cannot be turned off, anything unforeseen.
        case environment
    }

    let kind: Kind
    let message: String
    let hint: String?

    init(_ kind: Kind, message: String, hint: String?) {
        self.kind = kind
        self.message = message
        self.hint = hint
    }

    /// A failure the output has already said (a JSON report with `"valid": false`): only its
    /// exit status is left to give.
    static func alreadyShown(_ kind: Kind) -> CLIFailure { CLIFailure(kind, message: "", hint: nil) }
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
