import Cases
import Foundation

/// What a command run inside `grievance-cli shell` borrows from the shell: the data directory
/// and the person it unlocked. Set for the one command's run (a task-local value, so nothing
/// global outlives it); every command run on its own sees nil.
struct ShellContext: Sendable {
    @TaskLocal static var current: ShellContext?

    let session: Session
    /// The data directory as the shell was given it, for commands that give none.
    let dataDirectory: String

    /// The shell's session, for a command acting as `id` on `path`: the shell unlocks one
    /// person on one data directory, and never asks a passphrase for another inside it.
    func session(for id: String?, in path: String) throws -> Session {
        if let id, id != session.actor.id {
            throw CLIFailure(.notInShell, message: "this shell acts as \(session.actor.id), not \(id)",
                             hint: "leave it with `exit` to act as someone else")
        }
        guard Self.sameFolder(path, dataDirectory) else {
            throw CLIFailure(.notInShell, message: "this shell works on \(dataDirectory), not \(path)",
                             hint: "leave it with `exit` to work on another data directory")
        }
        return session
    }

    /// Text a command would read from standard input, which in the shell holds the commands.
    static func refuseStandardInput(for what: String, option: String) throws {
        guard current != nil else { return }
        throw CLIFailure(.notInShell, message: "in the shell, standard input holds the commands: give the \(what) with \(option)",
                         hint: "the shell keeps no history, and what you type is on no process's command line")
    }

    private static func sameFolder(_ one: String, _ other: String) -> Bool {
        func resolved(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path }
        return resolved(one) == resolved(other)
    }
}
