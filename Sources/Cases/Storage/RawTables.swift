import AuditLog

/// The tables as raw SQL, inside one transaction: for tests and benchmarks alone, which read
/// the tables or edit them as someone holding the database's password would, on either engine.
/// Nothing in Grievance calls it. Write `?` for each argument (PostgreSQL's `$1…` are made from
/// them) and pass bytes as arguments, never as literals, whose syntax differs between engines.
package protocol RawTables {
    /// Runs one statement and returns how many rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: [RawValue]) throws -> Int
    /// Runs one query and returns its rows, each by column name.
    func rows(_ sql: String, _ arguments: [RawValue]) throws -> [[String: RawValue]]
    /// The audit log's tables in the same transaction: how a test rewrites the log with the
    /// log's own code, as a forger who can write the database would, on either engine.
    var auditTables: any AuditTables { get }
}
