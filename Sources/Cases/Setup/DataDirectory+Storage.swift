import Foundation

extension DataDirectory {
    /// Opens the tables the configuration names: the SQLite file in this folder, or the
    /// PostgreSQL database of `database`. The one place that decides which engine an
    /// installation runs on.
    func openStorage(_ configuration: InstallationConfiguration, cacheMebibytes: Int = 32) throws -> any CaseStorage {
        if let database = configuration.database {
            let location: PostgresLocation
            let password: String?
            do {
                location = try PostgresLocation(parsing: database)
                password = try PostgresLocation.password()
            } catch {
                throw DataDirectoryError.unreadable(configurationURL.path, error.description)
            }
            return try PostgresCaseStorage(location: location, password: password, auditOrigin: configuration.auditOrigin)
        }
        guard FileManager.default.fileExists(atPath: databaseURL.path) else { throw DataDirectoryError.unreadable(databaseURL.path, "is missing") }
        return try SQLiteCaseStorage(path: databaseURL.path, auditOrigin: configuration.auditOrigin, cacheMebibytes: cacheMebibytes)
    }

    /// Where the tables are, for messages: the database file, or the PostgreSQL URL (no secret in it).
    func storageDescription(_ configuration: InstallationConfiguration) -> String {
        configuration.database.flatMap { try? PostgresLocation(parsing: $0).description } ?? databaseURL.path
    }
}
