import Foundation

/// What `retention run` did, or in a dry run would do.
public struct RetentionRun: Sendable, Hashable, Encodable {
    public let at: Date
    public let dryRun: Bool
    /// Every closed case retention has not ended yet, soonest first.
    public let decisions: [RetentionDecision]
    /// The cases shredded now (none in a dry run).
    public let shredded: [CaseReference]
    /// Whether SQLite's write-ahead log was emptied afterwards, so the deleted pages' old
    /// copies are gone from it too; false if a reader kept it busy (the next run, or SQLite's
    /// own checkpoints, empty it later).
    public let logFileEmptied: Bool

    enum CodingKeys: String, CodingKey {
        case at, decisions, shredded
        case dryRun = "dry_run", logFileEmptied = "wal_emptied"
    }

    public var due: [RetentionDecision] { decisions.filter { $0.verdict == .due } }
    public var held: [RetentionDecision] { decisions.filter { $0.verdict == .held } }
}
