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

    /// The names the system writes in the audit log for what no person did: setting up and
    /// witnesses (`system`), an anonymous reporter (`reporter`), a recovery (`recovery-key`), and
    /// the reporter's view of a handler (`handler`). A person called one of these could pass their
    /// own actions off as the system's, or a reporter's as theirs.
    public static let reservedIDs: Set<String> = ["system", "reporter", "recovery-key", "handler"]

    /// The id of a person about to be added: well formed, and none of `reservedIDs`.
    static func checkNewID(_ id: String) throws(CasesError) {
        guard isValidID(id) else { throw CasesError.invalid(.id, .notAnIdentifier(separators: "'.', '-' and '_'")) }
        guard !reservedIDs.contains(id) else { throw CasesError.invalid(.id, .reservedName) }
    }

    /// Roles one person may hold together: at least one, and never `admin` beside a role that
    /// could be given a case's key. An administrator adds people and certifies their keys; one
    /// who could also receive cases could route them to themselves, with nobody agreeing. Nor
    /// `investigator` with `appeals`: the panel reviews the investigation, and a person with
    /// both would pass each role's check with the other's holding.
    static func checkRoles(_ roles: Set<Role>) throws(CasesError) {
        guard !roles.isEmpty else { throw .invalid(.roles, .empty) }
        guard !roles.isSuperset(of: [.investigator, .appeals]) else { throw .invalid(.roles, .investigatorOnPanel) }
        guard roles.contains(.admin) else { return }
        let reading = roles.filter { Access.mayEverHold(roles: [$0]) }
        guard reading.isEmpty else { throw .invalid(.roles, .administratorReadsCases(reading.sorted())) }
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
