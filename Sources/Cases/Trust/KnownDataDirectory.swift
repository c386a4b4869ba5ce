/// What one person's own state remembers of one data directory, from the first time they used
/// it: the keys they trusted then, and the last tree heads they saw. Anyone who can write the
/// data directory can change what it says; they cannot change this.
public struct KnownDataDirectory: Sendable, Hashable, Codable {
    /// The data directory's absolute path, as the person named it.
    public let path: String
    /// The log's name in its checkpoints.
    public var origin: String
    /// The log's verifier key (C2SP vkey), pinned on first use or by `--log-key`.
    public var logKey: String?
    /// The organisation key (vkey) that certifies administrators, pinned on first use or by
    /// `--org-key`.
    public var organisationKey: String?
    /// The tree head (checkpoint text) this person's last `audit verify` recomputed.
    public var verified: String?
    /// The checkpoint this person last cosigned as a witness (checkpoint text).
    public var cosigned: String?

    public init(path: String, origin: String) {
        self.path = path
        self.origin = origin
    }

    enum CodingKeys: String, CodingKey {
        case path, origin, verified, cosigned
        case logKey = "log_key", organisationKey = "organisation_key"
    }
}
