import Foundation
import AuditLog
import GrievanceCrypto

/// The public half of the organisation key made at `init`, which certifies administrators (and
/// whoever the recovery key brings back): a C2SP vkey named `<origin>/organisation`. It is the
/// root of trust, so it is pinned outside the data directory — a root-owned file for the server
/// (`--org-key`), each person's own state — where the directory's writers cannot change it.
public struct OrganisationKey: Sendable, Hashable, CustomStringConvertible {
    let key: NoteVerifierKey

    init(origin: String, publicKey: SigningPublicKey) throws {
        key = try NoteVerifierKey(name: origin + "/organisation", type: .ed25519, publicKey: publicKey)
    }

    public init(parsing text: String) throws(CasesError) {
        do {
            key = try NoteVerifierKey(parsing: text.trimmingCharacters(in: .whitespacesAndNewlines))
        } catch {
            throw .invalid(.organisationKey, .malformed("\(error)"))
        }
        guard key.type == .ed25519, key.name.hasSuffix("/organisation") else {
            throw .invalid(.organisationKey, .malformed("an organisation key is an Ed25519 vkey named ORIGIN/organisation"))
        }
    }

    var publicKey: SigningPublicKey { key.publicKey }

    /// Where an installation puts the organisation key, root-owned, for the server and the
    /// machine's timers (backups, reminders) to pin.
    public static let installedPath = "/etc/grievance/organisation-key"

    /// The key in `path` (the file `init --org-key-out` wrote).
    public static func read(from path: String) throws(FileError) -> OrganisationKey {
        guard let data = FileManager.default.contents(atPath: path) else { throw FileError(path: path, code: .cannotRead("it cannot be read")) }
        guard data.count < 4096, let text = String(data: data, encoding: .utf8), let key = try? OrganisationKey(parsing: text) else {
            throw FileError(path: path, code: .unrecognised(expected: "an organisation key (the file `grievance-cli init --org-key-out` wrote)"))
        }
        return key
    }

    /// `path`, else the installed file when there is one, else none.
    public static func pinned(file path: String?) throws(FileError) -> OrganisationKey? {
        let path = path ?? (FileManager.default.fileExists(atPath: installedPath) ? installedPath : nil)
        return try path.map { path throws(FileError) in try read(from: path) }
    }

    public var description: String { key.description }
}
