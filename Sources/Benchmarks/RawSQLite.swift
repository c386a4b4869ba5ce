import Foundation
import GRDBSQLite

/// SQLite through its C API and nothing else: the baseline the audit log's storage is measured
/// against. Same settings as the system's database: WAL, synchronous=FULL.
final class RawSQLite {
    private var db: OpaquePointer?
    private var insert: OpaquePointer?

    init(path: String) {
        guard sqlite3_open(path, &db) == SQLITE_OK else { fatalError("cannot open \(path)") }
        exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;")
        exec("CREATE TABLE IF NOT EXISTS raw (seq INTEGER PRIMARY KEY, entry BLOB NOT NULL, leaf_hash BLOB NOT NULL)")
        sqlite3_prepare_v2(db, "INSERT INTO raw (seq, entry, leaf_hash) VALUES (?, ?, ?)", -1, &insert, nil)
    }

    func exec(_ sql: String) {
        guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else { fatalError(String(cString: sqlite3_errmsg(db))) }
    }

    /// Inserts one row; the caller brackets rows in BEGIN/COMMIT as it wants them committed.
    func insert(sequence: Int64, entry: [UInt8], hash: [UInt8]) {
        sqlite3_bind_int64(insert, 1, sequence)
        entry.withUnsafeBytes { _ = sqlite3_bind_blob(insert, 2, $0.baseAddress, Int32($0.count), nil) }
        hash.withUnsafeBytes { _ = sqlite3_bind_blob(insert, 3, $0.baseAddress, Int32($0.count), nil) }
        guard sqlite3_step(insert) == SQLITE_DONE else { fatalError(String(cString: sqlite3_errmsg(db))) }
        sqlite3_reset(insert)
    }

    deinit {
        sqlite3_finalize(insert)
        sqlite3_close(db)
    }
}
