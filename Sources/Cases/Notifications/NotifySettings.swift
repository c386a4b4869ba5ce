import Foundation
import GrievanceCrypto

/// `notify` in the data directory's config.json: the command that carries notifications, how
/// long it may run, how the message is written, and an administrator's signature over all of it.
///
/// The command runs as whoever files or reminds — the intake server's user, a handler filing by
/// phone, the timer's — so whoever could write it could run code as each of them. Anyone who can
/// write the data directory can write config.json; so a command counts only when an administrator
/// whose certificate verifies signed it (`grievance-cli notify set`), and is otherwise refused,
/// loudly, and never run.
public struct NotifySettings: Codable, Sendable, Hashable {
    /// The program and its arguments, run without a shell; the program by its absolute path.
    public var command: [String]
    /// Seconds the command may run before it is stopped.
    public var timeoutSeconds: Int
    public var format: NotificationFormat
    /// The administrator who signed, and the signature (Ed25519, base64) over `statement`.
    public var signedBy: String?
    public var signature: String?

    public static let defaultTimeoutSeconds = 10
    public static let timeoutsAllowed = 1...300

    enum CodingKeys: String, CodingKey {
        case command, format, signature
        case timeoutSeconds = "timeout_seconds", signedBy = "signed_by"
    }

    /// Checked settings, not yet signed.
    public init(command: [String], timeoutSeconds: Int = defaultTimeoutSeconds, format: NotificationFormat = .mail) throws(CasesError) {
        guard let program = command.first, !program.isEmpty else { throw .invalid(.notifyCommand, .empty) }
        guard program.hasPrefix("/") else { throw .invalid(.notifyCommand, .notAbsolutePath) }
        guard command.count <= 64, command.allSatisfy({ $0.utf8.count <= 4096 && !$0.utf8.contains(0) }) else {
            throw .invalid(.notifyCommand, .malformed("at most 64 arguments of at most 4096 bytes, none with a NUL byte"))
        }
        guard Self.timeoutsAllowed.contains(timeoutSeconds) else {
            throw .invalid(.notifyTimeout, .outside("from \(Self.timeoutsAllowed.lowerBound) to \(Self.timeoutsAllowed.upperBound) seconds"))
        }
        self.command = command
        self.timeoutSeconds = timeoutSeconds
        self.format = format
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        command = try container.decode([String].self, forKey: .command)
        timeoutSeconds = try container.decodeIfPresent(Int.self, forKey: .timeoutSeconds) ?? Self.defaultTimeoutSeconds
        format = try container.decodeIfPresent(NotificationFormat.self, forKey: .format) ?? .mail
        signedBy = try container.decodeIfPresent(String.self, forKey: .signedBy)
        signature = try container.decodeIfPresent(String.self, forKey: .signature)
    }

    /// What the administrator signs: every setting, each argument as hex so that none can run
    /// into the next, bound to this installation and the signer.
    func statement(origin: String, signer: String) -> [UInt8] {
        var text = "grievance/notify/v1\norigin \(origin)\nsigned-by \(signer)\nformat \(format.rawValue)\ntimeout \(timeoutSeconds)\n"
        for argument in command { text += "arg \(Hex.encode(Array(argument.utf8)))\n" }
        return Array(text.utf8)
    }
}
