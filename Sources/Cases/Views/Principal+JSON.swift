import GrievanceCrypto

/// A person as `handler list --json` shows them: id, name, roles, whether disabled, and their
/// public keys in hex (nothing secret).
extension Principal: Encodable {
    enum CodingKeys: String, CodingKey {
        case id, name, roles, disabled
        case boxPublicKey = "box_public_key", signingPublicKey = "signing_public_key"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(roles.sorted().map(\.rawValue), forKey: .roles)
        try container.encode(isDisabled, forKey: .disabled)
        try container.encode(Hex.encode(boxPublicKey), forKey: .boxPublicKey)
        try container.encode(Hex.encode(signingPublicKey), forKey: .signingPublicKey)
    }
}
