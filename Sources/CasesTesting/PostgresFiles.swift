import Cases
import Foundation

/// The files of the test server that `scripts/lib/postgres.sh` starts, read as root reads
/// them: what a test scans for text or ciphertext that must, or must not, be on disk — the
/// PostgreSQL twin of reading `grievance.sqlite` and its WAL. Its variables name the cluster's
/// folder (`GRIEVANCE_TEST_POSTGRES_DIR`) and the superuser that may run CHECKPOINT.
package enum PostgresFiles {
    package struct Unavailable: Error, CustomStringConvertible {
        package var description: String {
            "GRIEVANCE_TEST_POSTGRES_DIR and GRIEVANCE_TEST_POSTGRES_ADMIN are not set: run the tests through ./scripts/test, whose PostgreSQL they name"
        }
    }

    /// Whether the cluster's files can be read here: the server is the one the scripts started.
    package static var readable: Bool { dataFolder != nil && administrator != nil }

    static var dataFolder: URL? {
        ProcessInfo.processInfo.environment["GRIEVANCE_TEST_POSTGRES_DIR"].map { URL(fileURLWithPath: $0).appendingPathComponent("data") }
    }

    static var administrator: (url: String, passwordFile: String)? {
        let environment = ProcessInfo.processInfo.environment
        guard let url = environment["GRIEVANCE_TEST_POSTGRES_ADMIN"], let file = environment["GRIEVANCE_TEST_POSTGRES_ADMIN_PASSWORD_FILE"] else { return nil }
        return (url, file)
    }

    /// Writes every page the server holds in memory to its files, so that they hold what the
    /// tables hold now.
    package static func checkpoint() throws {
        guard let administrator else { throw Unavailable() }
        try PostgresHousekeeping.checkpoint(on: administrator.url, passwordFile: administrator.passwordFile)
    }

    /// Every file of the database whose oid is `oid` (its tables, indexes, TOAST), under base/.
    package static func databaseFiles(oid: Int64) throws -> [(name: String, bytes: Data)] {
        guard let dataFolder else { throw Unavailable() }
        return try files(in: dataFolder.appendingPathComponent("base/\(oid)"), named: "base/\(oid)/")
    }

    /// Every segment of the write-ahead log, the whole cluster's (databases share it).
    package static func writeAheadLog() throws -> [(name: String, bytes: Data)] {
        guard let dataFolder else { throw Unavailable() }
        return try files(in: dataFolder.appendingPathComponent("pg_wal"), named: "pg_wal/")
    }

    private static func files(in folder: URL, named prefix: String) throws -> [(name: String, bytes: Data)] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().compactMap { name in
            var isFolder: ObjCBool = false
            let path = folder.appendingPathComponent(name).path
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else { return nil }
            return (prefix + name, try Data(contentsOf: URL(fileURLWithPath: path)))
        }
    }
}
