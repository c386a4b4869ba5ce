import AuditLog

/// A checkpoint of the audit log, signed with the log key (and perhaps cosigned): the C2SP
/// signed note someone keeps apart from the server to catch a rewritten or truncated log.
public struct SignedCheckpoint: Sendable, Hashable {
    let note: SignedNote

    init(note: SignedNote) { self.note = note }

    /// Reads a signed note as `audit checkpoint` wrote it.
    public init(parsing text: String) throws(CasesError) {
        do {
            note = try SignedNote(parsing: text)
        } catch {
            throw .invalid(.checkpoint, .malformed("\(error)"))
        }
    }

    /// The note's text, to print or keep in a file.
    public var text: String { note.serialized }
}
