import ArgumentParser

/// How `grievance-cli` ends, for scripts: one status for each kind of failure, from sysexits.h
/// so that the numbers mean what they mean elsewhere. `ExitStatus(classifying:)` decides which
/// an error is, in one place; docs/CLI.md lists them. 1 is never used: a script that sees it
/// knows something outside this table happened.
enum ExitStatus: Int32, CaseIterable, Sendable {
    /// The command as given cannot be run: an unknown option, a value out of range, something
    /// missing that the command needs (who you are, a passphrase with no terminal, `--yes`).
    /// The argument parser's own status for its mistakes (EX_USAGE).
    case usage = 64
    /// Something checked and found wrong: an audit log that does not verify, a backup or file
    /// that is damaged or not what it should be, a procedure file that would be refused
    /// (EX_DATAERR).
    case verificationFailed = 65
    /// No such case, person, event, attachment or file (EX_NOINPUT).
    case notFound = 66
    /// The data directory or the machine could not do it now: no data directory, the database
    /// busy, the disk full or read-only, a program missing, anything unforeseen (EX_UNAVAILABLE).
    case couldNotRun = 69
    /// The rules said no: the access rule, administrators only, a wrong passphrase or code, a
    /// stage change the procedure does not allow, a file others can read (EX_NOPERM).
    case refused = 77

    var exitCode: ExitCode { ExitCode(rawValue) }

    /// How docs/CLI.md names the class.
    var name: String {
        switch self {
        case .usage: "usage"
        case .verificationFailed: "verification failed"
        case .notFound: "not found"
        case .couldNotRun: "could not run"
        case .refused: "refused"
        }
    }
}
