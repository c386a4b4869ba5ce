import Foundation

/// What `retention run` did, or in a dry run would do.
public struct RetentionRun: Sendable, Hashable, Encodable {
    public let at: Date
    public let dryRun: Bool
    /// Every closed case retention has not ended yet, soonest first.
    public let decisions: [RetentionDecision]
    /// The cases shredded now (none in a dry run).
    public let shredded: [CaseReference]
    /// Whether the engine's copies of what was deleted are gone from its files afterwards:
    /// SQLite's write-ahead log emptied, PostgreSQL's dead row versions removed and the tables
    /// rewritten. False if something still running kept them (a reader busy on SQLite's WAL; on
    /// PostgreSQL a transaction of this database older than the shredding); the next run that
    /// is not a dry run removes them, even if it shreds nothing.
    public let logFileEmptied: Bool

    enum CodingKeys: String, CodingKey {
        case at, decisions, shredded
        case dryRun = "dry_run", logFileEmptied = "wal_emptied"
    }

    public var due: [RetentionDecision] { decisions.filter { $0.verdict == .due } }
    public var held: [RetentionDecision] { decisions.filter { $0.verdict == .held } }
}
