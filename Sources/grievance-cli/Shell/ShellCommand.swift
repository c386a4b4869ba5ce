import ArgumentParser
import Cases
import Foundation

/// `grievance-cli shell`: one passphrase for a run of commands.
struct ShellCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shell",
        abstract: "Unlock once, then type commands one after another, as the same person.",
        discussion: """
            Asks your passphrase once (or reads GRIEVANCE_PASSPHRASE, or the file \
            GRIEVANCE_PASSPHRASE_FILE names), then reads commands, one a line, written as after \
            `grievance-cli` and quoted as in a shell: `case note GRV-7K3M9QXD --text "Called back."`. \
            Each runs through the same parser and rules as on its own, as you, on this data \
            directory; a failure is shown and the shell goes on. `lock` forgets your keys at once, \
            `exit` or Ctrl-D leaves. After ten idle minutes (or --lock-after) your keys are \
            forgotten and the next command asks your passphrase again. Your keys stay in guarded \
            memory; no history is written anywhere. Standard input holds the commands, so texts \
            are given with their options (--text, --reason); a script may pipe commands in too. \
            Not run inside: init, enrol, handler rotate-key and shell itself.
            """)

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption

    @Option(name: .customLong("lock-after"),
            help: ArgumentHelp("Forget your keys after this many idle seconds: 1 to 600 (the default, ten minutes).", valueName: "SECONDS"))
    var lockAfter = Int(IdleLock.standardTimeout.components.seconds)

    func validate() throws {
        guard (1...Int(IdleLock.standardTimeout.components.seconds)).contains(lockAfter) else {
            throw ValidationError("--lock-after is 1 to 600 seconds: the shell never keeps keys open longer than ten idle minutes")
        }
    }

    func run() async throws {
        let installation = try directory.open()
        guard let id = actor.id else {
            throw CLIFailure(.missing, message: "say who you are", hint: "add --as YOUR-ID (or set GRIEVANCE_AS)")
        }
        let unlocked = try ActorOption.unlock(id, in: installation)
        var shell = Shell(installation: installation, dataDirectory: directory.path, unlocked: unlocked, lockAfter: .seconds(lockAfter),
                          input: LineReader(descriptor: STDIN_FILENO), interactive: isatty(STDIN_FILENO) == 1)
        let status = await shell.run()
        if status != .success { throw status }
    }
}
