import GRDBSQLite

/// One SQL query through SQLite's C API, every row stepped through: the baseline a summary's
/// reading is measured against.
final class RawQuery {
    private var db: OpaquePointer?

    init(path: String) {
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, nil) == SQLITE_OK else { fatalError("cannot open \(path)") }
    }

    /// Runs `sql` to the end; the number of rows it gave.
    @discardableResult
    func run(_ sql: String) -> Int {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK else { fatalError(String(cString: sqlite3_errmsg(db))) }
        defer { sqlite3_finalize(statement) }
        var rows = 0
        while sqlite3_step(statement) == SQLITE_ROW { rows += 1 }
        return rows
    }

    deinit { sqlite3_close(db) }
}
