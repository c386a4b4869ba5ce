import GRDB

/// Opens SQLite the way this system needs it: WAL, `synchronous=FULL` (a committed transaction
/// survives a power cut), foreign keys on, and `secure_delete` (deleted bytes are overwritten).
public enum DurableDatabase {
    public static func openPool(path: String) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            // A 32 MiB page cache per connection (SQLite's default is 2 MiB): hot tables stay in
            // memory instead of being read through the kernel for every statement.
            try db.execute(sql: "PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON; PRAGMA cache_size = -32768")
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
