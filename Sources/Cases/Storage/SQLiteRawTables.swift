import AuditLog
import Foundation
import GRDB

/// `RawTables` over one SQLite transaction.
struct SQLiteRawTables: RawTables {
    let db: Database

    var auditTables: any AuditTables { SQLiteAuditTables(db) }

    func execute(_ sql: String, _ arguments: [RawValue]) throws -> Int {
        // Cached: a benchmark fills the tables with the same few statements thousands of times.
        try db.cachedStatement(sql: sql).execute(arguments: StatementArguments(arguments.map(Self.databaseValue)))
        return db.changesCount
    }

    func rows(_ sql: String, _ arguments: [RawValue]) throws -> [[String: RawValue]] {
        try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments.map(Self.databaseValue))).map { row in
            Dictionary(row.map { ($0, Self.rawValue($1)) }, uniquingKeysWith: { first, _ in first })
        }
    }

    static func databaseValue(_ value: RawValue) -> DatabaseValue {
        switch value {
        case .null: .null
        case .integer(let value): value.databaseValue
        case .real(let value): value.databaseValue
        case .text(let value): value.databaseValue
        case .bytes(let value): Data(value).databaseValue
        case .boolean(let value): (value ? 1 : 0 as Int64).databaseValue
        }
    }

    static func rawValue(_ value: DatabaseValue) -> RawValue {
        switch value.storage {
        case .null: .null
        case .int64(let value): .integer(value)
        case .double(let value): .real(value)
        case .string(let value): .text(value)
        case .blob(let value): .bytes([UInt8](value))
        }
    }
}

extension SQLiteCaseStorage: RawTableAccess {
    package func withRawTables<T>(writing: Bool, _ body: (any RawTables) throws -> T) throws -> T {
        writing ? try pool.write { db in try body(SQLiteRawTables(db: db)) } : try pool.read { db in try body(SQLiteRawTables(db: db)) }
    }
}
