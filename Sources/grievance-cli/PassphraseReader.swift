import Foundation
import GrievanceCrypto

#if canImport(Glibc)
import Glibc
#endif

/// The terminal's settings while echo is off, for the interrupt handler to put back.
nonisolated(unsafe) private var savedTerminal: (descriptor: Int32, settings: termios)?

/// Reads passphrases into guarded memory: from an environment variable (scripts), or from the
/// terminal with echo off. Never from standard input, which may be a file or a pipe the
/// passphrase would then sit in.
enum PassphraseReader {
    static let maximumBytes = 1024

    /// A passphrase to unlock with: `$environment` if set, else asked once on the terminal.
    static func read(environment: String, prompt: String) throws -> SecureBytes {
        if let fromEnvironment = try fromEnvironment(environment) { return fromEnvironment }
        return try fromTerminal(prompt: prompt, variable: environment)
    }

    /// A new passphrase: `$environment` if set, else asked twice on the terminal, which must agree.
    static func readNew(environment: String, prompt: String) throws -> SecureBytes {
        if let fromEnvironment = try fromEnvironment(environment) { return fromEnvironment }
        let first = try fromTerminal(prompt: prompt, variable: environment)
        guard first.count >= 12 else {
            throw CLIFailure(message: "passphrase: use at least 12 characters", hint: "a few unrelated words make a passphrase easy to type and hard to guess")
        }
        let second = try fromTerminal(prompt: "Type it again: ", variable: environment)
        guard first.constantTimeEquals(second) else {
            throw CLIFailure(message: "the two passphrases differ", hint: "run the command again and type the same passphrase twice")
        }
        return first
    }

    private static func fromEnvironment(_ name: String) throws -> SecureBytes? {
        guard let value = getenv(name) else { return nil }
        let count = strlen(value)
        guard count > 0 else { return nil }
        guard count <= maximumBytes else { throw CLIFailure(message: "\(name) is longer than \(maximumBytes) bytes", hint: nil) }
        return SecureBytes.make(count: count) { $0.copyMemory(from: UnsafeRawBufferPointer(start: value, count: count)) }
    }

    private static func fromTerminal(prompt: String, variable: String) throws -> SecureBytes {
        let terminal = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard terminal >= 0 else {
            throw CLIFailure(message: "no passphrase: there is no terminal to ask on",
                             hint: "run from a terminal, or set \(variable) in a script")
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
        var length = 0
        let buffer = SecureBytes.make(count: maximumBytes) { out in
            var byte: UInt8 = 0
            while length < maximumBytes, Glibc.read(terminal, &byte, 1) == 1, byte != 0x0A, byte != 0x0D {
                out[length] = byte
                length += 1
            }
            byte = 0
        }
        guard length > 0 else { throw CLIFailure(message: "no passphrase given", hint: "type the passphrase at the prompt") }
        return buffer.withUnsafeBytes { all in
            SecureBytes.make(count: length) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: all[0..<length])) }
        }
    }
}
