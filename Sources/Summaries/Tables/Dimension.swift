/// What a table's rows or columns are, each a column of clear metadata (or, for `stage` and
/// `outcome`, a stage of the procedure). `none` labels a case that gave no value.
public enum Dimension: String, Sendable, Hashable, Codable, CaseIterable {
    case category
    case region
    case event
    case respondentRole = "respondent_role"
    case channel
    case gender
    case stage
    /// The stage a case was closed from: the closest thing to an outcome kept in clear.
    case outcome

    public static let none = "none"
}
