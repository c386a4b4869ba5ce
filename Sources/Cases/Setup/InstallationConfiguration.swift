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

    enum CodingKeys: String, CodingKey {
        case organisation
        case auditOrigin = "audit_origin"
        case keyCost = "key_cost"
        case intakeURL = "intake_url"
    }

    public static let keyCosts = ["moderate", "interactive"]

    var keyParameters: Argon2idParameters {
        keyCost == "interactive" ? .interactive : .moderate
    }

    /// The link a reporter at `event` follows (printed on badges as a QR code).
    public func intakeLink(event slug: String) -> String {
        (intakeURL.hasSuffix("/") ? String(intakeURL.dropLast()) : intakeURL) + "/e/" + slug
    }
}
