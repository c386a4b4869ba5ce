import ArgumentParser
import Cases
import Foundation

/// The loop of `grievance-cli shell`: reads a line, splits it as a shell would, runs it through
/// the same parser as any command line with the person already unlocked, and goes on whatever
/// happened. The unlocked keys (`UnlockedPrincipal`, in guarded memory) are held here alone and
/// forgotten after `lock.timeout` without a command; the next command asks the passphrase again.
struct Shell {
    /// Commands that make or replace the keys the shell holds, or another shell: run on their own.
    static func runsInShell(_ command: any ParsableCommand) -> Bool {
        !(command is ShellCommand || command is InitCommand || command is EnrolCommand || command is RotateKeyCommand)
    }

    let installation: Installation
    let dataDirectory: String
    let id: String
    let input: LineReader
    /// Prompts and greetings go to a terminal only: piped, standard output and standard error
    /// carry the commands' own.
    let interactive: Bool
    private(set) var unlocked: UnlockedPrincipal?
    private(set) var lock: IdleLock
    private var standardError = StandardError()

    init(installation: Installation, dataDirectory: String, unlocked: UnlockedPrincipal, lockAfter timeout: Duration, input: LineReader,
         interactive: Bool) {
        self.installation = installation
        self.dataDirectory = dataDirectory
        id = unlocked.id
        self.unlocked = unlocked
        self.input = input
        self.interactive = interactive
        lock = IdleLock(timeout: timeout, now: .now)
    }

    /// Runs until `exit` or the end of input; the status of the last command, as `sh` ends.
    mutating func run() async -> ExitCode {
        var status = ExitCode.success
        if interactive {
            print("""
                Unlocked \(id) on \(dataDirectory). Type commands as after `grievance-cli` (`help` lists them); `lock` \
                forgets your keys now; `exit` or Ctrl-D leaves. Locked after \(Self.words(lock.timeout)) idle; no history is kept.
                """, to: &standardError)
        }
        while true {
            Self.flushOutput()
            if interactive { print("grievance \(id)> ", terminator: "", to: &standardError) }
            let outcome = input.next(within: unlocked == nil ? nil : lock.remaining(at: .now))
            switch outcome {
            case .timedOut:
                // The prompt is still on the screen: the notice goes on a line of its own.
                if interactive { print("", to: &standardError) }
                forget(saying: "locked after \(Self.words(lock.timeout)) idle: your keys are forgotten; the next command asks your passphrase again")
            case .end:
                if interactive { print("", to: &standardError) }
                return status
            case .line(let line):
                if unlocked != nil, lock.hasExpired(at: .now) {
                    forget(saying: "locked after \(Self.words(lock.timeout)) idle: your keys are forgotten")
                }
                let words: [String]
                do {
                    words = try ShellWords.split(line)
                } catch {
                    status = ErrorReport.print(CLIFailure(.unusable, message: "the line ends inside a \(error.quote) quote", hint: "close the quote"))
                    continue
                }
                let arguments = words.first == "grievance-cli" ? Array(words.dropFirst()) : words
                switch arguments.first {
                case nil: continue
                case "exit", "quit": return status
                case "lock":
                    forget(saying: "locked: your keys are forgotten; the next command asks your passphrase")
                    continue
                case "help":
                    print(GrievanceCLI.helpMessage())
                    print("In the shell: lock (forget your keys now), exit (or Ctrl-D). `COMMAND --help` explains each command.")
                    continue
                default: break
                }
                status = await execute(arguments)
                lock.touch(at: .now)
            }
        }
    }

    /// Parses and runs one command line as the unlocked person, unlocking first if the shell
    /// locked; reports any failure as `main` would, and returns its status.
    private mutating func execute(_ arguments: [String]) async -> ExitCode {
        do {
            let command = try GrievanceCLI.parseAsRoot(arguments)
            guard Self.runsInShell(command) else {
                throw CLIFailure(.notInShell, message: "`\(arguments.prefix(2).joined(separator: " "))` is not run inside the shell",
                                 hint: "leave it with `exit`, and run `grievance-cli \(arguments.prefix(2).joined(separator: " ")) …` on its own")
            }
            if unlocked == nil {
                unlocked = try ActorOption.unlock(id, in: installation)
            }
            let context = ShellContext(session: Session(installation: installation, actor: unlocked!), dataDirectory: dataDirectory)
            try await ShellContext.$current.withValue(context) {
                try await GrievanceCLIMain.run(command)
            }
            Self.flushOutput()
            return .success
        } catch {
            Self.flushOutput()
            return ErrorReport.print(error)
        }
    }

    /// Drops the only reference to the unlocked keys: their guarded memory is zeroed and freed.
    private mutating func forget(saying why: String) {
        guard unlocked != nil else { return }
        unlocked = nil
        print("grievance-cli: \(why)", to: &standardError)
    }

    /// Standard output is buffered when piped: each command's output leaves before the next
    /// line is read, so a script driving the shell sees it. (`nil`: every stream, which names
    /// no global.)
    private static func flushOutput() { fflush(nil) }

    private static func words(_ duration: Duration) -> String {
        let seconds = duration.components.seconds
        return seconds % 60 == 0 ? "\(seconds / 60) minute\(seconds == 60 ? "" : "s")" : "\(seconds) second\(seconds == 1 ? "" : "s")"
    }
}
