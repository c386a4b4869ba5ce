import Foundation
import GRDB

/// Opens SQLite the way this system needs it: WAL, `synchronous=FULL` (a committed transaction
/// survives a power cut), foreign keys on, `secure_delete` (deleted bytes are overwritten), and a
/// bounded wait for the write lock.
public enum DurableDatabase {
    /// How long a writer waits for another process's write to finish before it gives up. The
    /// server and each handler's command share one database file: their transactions last
    /// milliseconds, so waiting, rather than failing at once (SQLite's default), is what lets them
    /// work side by side; the bound keeps a stuck process from hanging the others forever.
    public static let busyTimeout: TimeInterval = 5

    /// SQLite's own default page cache per connection.
    public static let sqliteDefaultCacheMebibytes = 2

    /// `cacheMebibytes` is each connection's page cache: more keeps hot tables in memory instead
    /// of reading them through the kernel for every statement (listing, verifying); a long-running
    /// process that mostly appends keeps SQLite's default, so that its memory stays small.
    public static func openPool(path: String, cacheMebibytes: Int = 32) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON; PRAGMA cache_size = -\(cacheMebibytes * 1024)")
        }
        let pool = try DatabasePool(path: path, configuration: configuration)
        // GRDB sets synchronous=NORMAL on the writer when it turns WAL on, after
        // prepareDatabase has run: set FULL again, and refuse to go on if it did not hold.
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            guard try Int.fetchOne(db, sql: "PRAGMA synchronous") == 2 else {
                throw DatabaseError(message: "SQLite refused synchronous=FULL for \(path)")
            }
        }
        return pool
    }
}
