import GrievanceCrypto

/// A person as `handler list` shows them: their record, whether their certificate verifies
/// (and why not), and their keys' fingerprint to compare with the audit log's.
public struct PersonListing: Sendable, Encodable {
    public let principal: Principal
    public let trust: Trust
    /// False for someone added (or recovered) who has not enrolled yet: they have no keys.
    public let isEnrolled: Bool

    enum CodingKeys: String, CodingKey {
        case id, name, roles, disabled, trusted, fingerprint, enrolled
        case untrustedBecause = "untrusted_because", boxPublicKey = "box_public_key", signingPublicKey = "signing_public_key"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(principal.id, forKey: .id)
        try container.encode(principal.name, forKey: .name)
        try container.encode(principal.roles.sorted().map(\.rawValue), forKey: .roles)
        try container.encode(principal.isDisabled, forKey: .disabled)
        try container.encode(isEnrolled, forKey: .enrolled)
        try container.encode(trust.isTrusted, forKey: .trusted)
        if case .untrusted(let why) = trust { try container.encode(why, forKey: .untrustedBecause) }
        guard isEnrolled else { return }
        try container.encode(principal.keyFingerprint, forKey: .fingerprint)
        try container.encode(Hex.encode(principal.boxPublicKey), forKey: .boxPublicKey)
        try container.encode(Hex.encode(principal.signingPublicKey), forKey: .signingPublicKey)
    }
}
