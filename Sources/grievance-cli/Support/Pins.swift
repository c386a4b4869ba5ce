import Cases
import Foundation

/// What the person running the command remembers of this data directory, in their own state
/// (`PersonalState`): read at the start of a command, remembered again when it succeeds.
struct Pins {
    let state: PersonalState
    private(set) var known: KnownDataDirectory

    /// Whether this person had used the data directory before this command.
    let isFirstUse: Bool

    init(for directory: DataDirectoryOption, origin: String) throws {
        state = try PersonalState.ofCurrentUser()
        let path = URL(fileURLWithPath: directory.path).standardizedFileURL.resolvingSymlinksInPath().path
        if let known = try state.known(path: path) {
            self.known = known
            isFirstUse = false
        } else {
            known = KnownDataDirectory(path: path, origin: origin)
            isFirstUse = true
        }
    }

    /// Forgets what was remembered of this path: `init` made a new data directory there.
    mutating func forget(origin: String) {
        known = KnownDataDirectory(path: known.path, origin: origin)
    }

    /// The log key pinned on first use or by an earlier `--log-key`.
    var logKey: LogVerifierKey? { get throws { try known.logKey.map(LogVerifierKey.init(parsing:)) } }

    /// The tree head this person's last `audit verify` recomputed.
    var verified: TreeHead? { get throws { try known.verified.map(TreeHead.init(text:)) } }

    /// The checkpoint this person last cosigned.
    var cosigned: TreeHead? { get throws { try known.cosigned.map(TreeHead.init(text:)) } }

    /// The organisation key pinned on first use (or by `init`).
    var organisationKey: OrganisationKey? { get throws { try known.organisationKey.map(OrganisationKey.init(parsing:)) } }

    mutating func remember(logKey: String? = nil, organisationKey: String? = nil, verified: TreeHead? = nil, cosigned: TreeHead? = nil) throws {
        if let logKey { known.logKey = logKey }
        if let organisationKey { known.organisationKey = organisationKey }
        if let verified { known.verified = verified.text }
        if let cosigned { known.cosigned = cosigned.text }
        try state.remember(known)
    }

    var filePath: String { state.fileURL.path }
}
