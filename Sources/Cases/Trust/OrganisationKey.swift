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

    public var description: String { key.description }
}
