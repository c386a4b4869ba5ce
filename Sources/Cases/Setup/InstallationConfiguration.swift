import Foundation
import GrievanceCrypto

/// `config.json` of a data directory: what the installation needs before it opens the
/// database. Nothing secret; nothing a reader could change to read a case.
public struct InstallationConfiguration: Codable, Sendable, Hashable {
    /// The organisation's name, as given at `init`.
    public var organisation: String
    /// The log's name in its checkpoints (C2SP origin).
    public var auditOrigin: String
    /// Argon2id cost for wrapping new keys: `moderate` (the default) or `interactive`.
    public var keyCost: String
    /// Where reporters reach the intake page; events' links are made from it.
    public var intakeURL: String
    /// The command that carries notifications, signed by an administrator; absent in a data
    /// directory made before notifications, or where nobody set one.
    public var notify: NotifySettings?
    /// `postgres://USER@HOST[:PORT]/DATABASE` when the tables are in PostgreSQL (several server
    /// instances over one database); absent for the SQLite file in this folder.
    public var database: String?

    enum CodingKeys: String, CodingKey {
        case organisation, notify, database
        case auditOrigin = "audit_origin"
        case keyCost = "key_cost"
        case intakeURL = "intake_url"
    }

    public static let keyCosts = ["moderate", "interactive"]

    init(organisation: String, auditOrigin: String, keyCost: String, intakeURL: String, notify: NotifySettings? = nil,
         database: String? = nil) {
        self.organisation = organisation
        self.auditOrigin = auditOrigin
        self.keyCost = keyCost
        self.intakeURL = intakeURL
        self.notify = notify
        self.database = database
    }

    /// config.json's bytes: sorted keys, indented, a final newline — a file people read.
    func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return [UInt8](try encoder.encode(self)) + [0x0A]
    }

    var keyParameters: Argon2idParameters {
        keyCost == "interactive" ? .interactive : .moderate
    }

    /// The link a reporter at `event` follows (printed on badges as a QR code).
    public func intakeLink(event slug: String) -> String {
        (intakeURL.hasSuffix("/") ? String(intakeURL.dropLast()) : intakeURL) + "/e/" + slug
    }
}
