import AuditLog

/// A witness's public key (a C2SP vkey, `name+id+base64`), whose cosignatures of checkpoints
/// `audit verify` checks.
public struct WitnessKey: Sendable, Hashable {
    let key: NoteVerifierKey

    public init(parsing text: String) throws(CasesError) {
        do {
            key = try NoteVerifierKey(parsing: text)
        } catch {
            throw .invalid(.witnessKey, .malformed("\(error)"))
        }
    }
}
