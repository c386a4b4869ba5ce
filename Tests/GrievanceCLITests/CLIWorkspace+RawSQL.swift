import Cases
import CasesTesting

/// The workspace's tables by raw SQL, on the engine its data directory names: how tests play
/// someone who edits the database behind the commands' back.
extension CLIWorkspace {
    /// Opens the data directory in this process (which logs nothing new) for its tables alone.
    func raw() throws -> RawSQL {
        RawSQL(try DataDirectory(path: dataDirectory.path).open().storage as! any RawTableAccess)
    }

    /// The statement that removes the trigger keeping `table` append-only against `operation`
    /// (UPDATE or DELETE): one trigger each in SQLite, one for both in PostgreSQL.
    func dropAppendOnly(_ table: String, _ operation: String) -> String {
        switch engine {
        case .sqlite: "DROP TRIGGER \(table)_no_\(operation.lowercased())"
        case .postgres: "DROP TRIGGER IF EXISTS \(table)_append_only ON \(table)"
        }
    }

    /// The statement that bumps the principals generation, so every cache reads a raw edit: a
    /// setting in SQLite, a counter of its own in PostgreSQL.
    var bumpPrincipalsGeneration: String {
        switch engine {
        case .sqlite: "UPDATE settings SET value = value + 1 WHERE key = 'principals-generation'"
        case .postgres: "UPDATE counters SET value = value + 1 WHERE name = 'principals-generation'"
        }
    }
}
