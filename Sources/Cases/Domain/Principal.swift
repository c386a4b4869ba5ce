/// A person with an account: their public keys and roles. Their secret keys are stored wrapped
/// under their passphrase and exist unwrapped only in `UnlockedPrincipal`.
public struct Principal: Sendable, Hashable {
    public let id: String
    public let name: String
    public let roles: Set<Role>
    public let boxPublicKey: [UInt8]
    public let signingPublicKey: [UInt8]
    public let isDisabled: Bool

    package init(id: String, name: String, roles: Set<Role>, boxPublicKey: [UInt8], signingPublicKey: [UInt8], isDisabled: Bool) {
        self.id = id
        self.name = name
        self.roles = roles
        self.boxPublicKey = boxPublicKey
        self.signingPublicKey = signingPublicKey
        self.isDisabled = isDisabled
    }

    /// Ids are 1–64 of a-z, 0-9, '.', '-', '_': they appear in commands and in the audit log.
    public static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 64 && id.utf8.allSatisfy {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
        }
    }
}

extension Principal {
    /// The same person with some of their fields changed.
    func with(roles: Set<Role>? = nil, isDisabled: Bool? = nil, boxPublicKey: [UInt8]? = nil, signingPublicKey: [UInt8]? = nil) -> Principal {
        Principal(id: id, name: name, roles: roles ?? self.roles, boxPublicKey: boxPublicKey ?? self.boxPublicKey,
                  signingPublicKey: signingPublicKey ?? self.signingPublicKey, isDisabled: isDisabled ?? self.isDisabled)
    }
}
