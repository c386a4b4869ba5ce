import Foundation

/// What installing a new procedure changes for the cases that are open, worked out before
/// anything is written: `policy install` shows it, and refuses while any case would be stranded.
public struct ProcedureChange: Sendable, Hashable, Encodable {
    /// An open case the new procedure cannot carry: its stage or its category is gone.
    public struct Stranded: Sendable, Hashable, Encodable {
        public let reference: CaseReference
        public let stage: String
        public let category: String
        public let why: String
    }

    /// An open case whose stage deadline moves.
    public struct MovedDeadline: Sendable, Hashable, Encodable {
        public let reference: CaseReference
        public let stage: String
        public let from: Date?
        public let to: Date?
    }

    public let currentSHA256: String
    public let newSHA256: String
    public let newName: String
    public let openCases: Int
    public let stagesRemoved: [String]
    public let stagesAdded: [String]
    public let categoriesRemoved: [String]
    public let categoriesAdded: [String]
    public let stranded: [Stranded]
    public let deadlinesMoved: [MovedDeadline]
    /// Whether the retention rules differ.
    public let retentionChanged: Bool
    /// False until it has been put in force (a preview, or a refusal).
    public internal(set) var installed: Bool

    public var isUnchanged: Bool { currentSHA256 == newSHA256 }

    enum CodingKeys: String, CodingKey {
        case stranded, installed
        case currentSHA256 = "current_sha256", newSHA256 = "new_sha256", newName = "new_name", openCases = "open_cases"
        case stagesRemoved = "stages_removed", stagesAdded = "stages_added", categoriesRemoved = "categories_removed"
        case categoriesAdded = "categories_added", deadlinesMoved = "deadlines_moved", retentionChanged = "retention_changed"
    }
}
