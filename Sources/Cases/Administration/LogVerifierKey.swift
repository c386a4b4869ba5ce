import AuditLog

/// The log's verifier key (a C2SP vkey, `origin+id+base64`) as someone outside the data
/// directory gives it: `audit verify --log-key`, or what a person's own state pinned.
public struct LogVerifierKey: Sendable, Hashable, CustomStringConvertible {
    let key: NoteVerifierKey

    init(_ key: NoteVerifierKey) { self.key = key }

    public init(parsing text: String) throws(CasesError) {
        do {
            key = try NoteVerifierKey(parsing: text)
        } catch {
            throw .invalid(.logKey, .malformed("\(error)"))
        }
        guard key.type == .ed25519 else { throw .invalid(.logKey, .malformed("a log key is an Ed25519 key, not a witness's cosignature key")) }
    }

    /// The log's name in its checkpoints.
    public var origin: String { key.name }

    public var description: String { key.description }
}
