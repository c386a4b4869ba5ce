/// The reporter's self-declared gender, optional, for the Gender Committee's anonymous
/// statistics. A fixed list, not free text: the column is clear, and a description in a
/// person's own words could name them.
public enum ReporterGender: String, Sendable, CaseIterable, Codable {
    case woman
    case man
    case nonBinary = "non-binary"
    /// Another gender, not described: the words would be theirs alone.
    case another
}
