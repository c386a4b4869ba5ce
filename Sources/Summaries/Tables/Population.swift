/// Which cases a table counts. `overdue` cases are a subset of `open` ones at the same moment,
/// which the disclosure audit knows.
public enum Population: String, Sendable, Hashable, Codable, CaseIterable {
    case received
    case closed
    case open
    case overdue

    var isStock: Bool { self == .open || self == .overdue }
}
