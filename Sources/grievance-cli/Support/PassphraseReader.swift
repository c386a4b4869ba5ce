import Foundation
import Cases

#if canImport(Glibc)
import Glibc
#endif

/// The terminal's settings while echo is off, for the interrupt handler to put back.
nonisolated(unsafe) private var savedTerminal: (descriptor: Int32, settings: termios)?

/// Reads passphrases straight into guarded memory: from an environment variable or the file it
/// names (scripts: `GRIEVANCE_PASSPHRASE`, or `GRIEVANCE_PASSPHRASE_FILE`; every variable a
/// command reads a passphrase from has its `_FILE` twin), or from the terminal with echo off.
/// Never from standard input, which may be a file or a pipe the passphrase would then sit in,
/// and which the shell reads its commands from.
enum PassphraseReader {
    static let maximumBytes = 1024

    /// A passphrase to unlock with: `$environment` or the file `$environment_FILE` names if
    /// either is set, else asked once on the terminal.
    static func read(environment: String, prompt: String) throws -> Passphrase {
        if let fromEnvironment = try fromEnvironment(environment) { return fromEnvironment }
        return try fromTerminal(prompt: prompt, variable: environment)
    }

    /// A new passphrase: `$environment` or `$environment_FILE` if set, else asked twice on the
    /// terminal, which must agree.
    static func readNew(environment: String, prompt: String) throws -> Passphrase {
        let tooShort = CasesError.invalid(.passphrase, .tooShort(minimumCharacters: Passphrase.minimumCount))
        if let fromEnvironment = try fromEnvironment(environment) {
            guard fromEnvironment.count >= Passphrase.minimumCount else { throw tooShort }
            return fromEnvironment
        }
        let first = try fromTerminal(prompt: prompt, variable: environment)
        guard first.count >= Passphrase.minimumCount else { throw tooShort }
        let second = try fromTerminal(prompt: "Type it again: ", variable: environment)
        guard first.constantTimeEquals(second) else {
            throw CLIFailure(.unusable, message: "the two passphrases differ", hint: "run the command again and type the same passphrase twice")
        }
        return first
    }

    private static func fromEnvironment(_ name: String) throws -> Passphrase? {
        let fileVariable = name + "_FILE"
        let value = getenv(name).flatMap { strlen($0) > 0 ? $0 : nil }
        let file = ProcessInfo.processInfo.environment[fileVariable].flatMap { $0.isEmpty ? nil : $0 }
        if value != nil, file != nil {
            throw CLIFailure(.unusable, message: "both \(name) and \(fileVariable) are set", hint: "set one of them")
        }
        if let file { return try PassphraseFile.read(file, variable: fileVariable, maximumBytes: maximumBytes) }
        guard let value else { return nil }
        let count = strlen(value)
        guard count <= maximumBytes else { throw CLIFailure(.unusable, message: "\(name) is longer than \(maximumBytes) bytes", hint: nil) }
        return Passphrase.reading(upTo: count) { out in
            out.copyMemory(from: UnsafeRawBufferPointer(start: value, count: count))
            return count
        }
    }

    private static func fromTerminal(prompt: String, variable: String) throws -> Passphrase {
        let terminal = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard terminal >= 0 else {
            throw CLIFailure(.missing, message: "no passphrase: there is no terminal to ask on",
                             hint: "run from a terminal, or set \(variable) (or \(variable)_FILE) in a script")
        }
        defer { close(terminal) }
        _ = prompt.withCString { write(terminal, $0, strlen($0)) }
        var settings = termios()
        let canHideEcho = tcgetattr(terminal, &settings) == 0
        if canHideEcho {
            savedTerminal = (terminal, settings)
            signal(SIGINT) { _ in
                if let saved = savedTerminal { var settings = saved.settings; tcsetattr(saved.descriptor, TCSAFLUSH, &settings) }
                _exit(130)
            }
            var quiet = settings
            quiet.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(terminal, TCSAFLUSH, &quiet)
        }
        defer {
            if canHideEcho {
                tcsetattr(terminal, TCSAFLUSH, &settings)
                savedTerminal = nil
                signal(SIGINT, SIG_DFL)
            }
            _ = write(terminal, "\n", 1)
        }
        let passphrase = Passphrase.reading(upTo: maximumBytes) { out in
            var length = 0
            var byte: UInt8 = 0
            while length < out.count, Glibc.read(terminal, &byte, 1) == 1, byte != 0x0A, byte != 0x0D {
                out[length] = byte
                length += 1
            }
            byte = 0
            return length
        }
        guard passphrase.count > 0 else { throw CLIFailure(.missing, message: "no passphrase given", hint: "type the passphrase at the prompt") }
        return passphrase
    }
}
