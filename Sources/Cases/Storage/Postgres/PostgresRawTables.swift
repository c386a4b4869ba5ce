import AuditLog
import Foundation
import NIOCore
import PostgresNIO

/// `RawTables` over one PostgreSQL transaction.
struct PostgresRawTables: RawTables {
    let session: PostgresSession

    var auditTables: any AuditTables { PostgresAuditTables(session: session) }

    func execute(_ sql: String, _ arguments: [RawValue]) throws -> Int {
        try session.execute(Self.numbered(sql), arguments.map(Self.argument))
    }

    func rows(_ sql: String, _ arguments: [RawValue]) throws -> [[String: RawValue]] {
        try session.query(Self.numbered(sql), arguments.map(Self.argument)).map { row in
            var values: [String: RawValue] = [:]
            for cell in row where values[cell.columnName] == nil { values[cell.columnName] = try Self.rawValue(cell) }
            return values
        }
    }

    /// SQLite's placeholders as PostgreSQL's: each `?` the next `$n`, and `?n` (an argument by
    /// its number) `$n`; a `?` inside a quoted string or name is left as it is.
    static func numbered(_ sql: String) -> String {
        let characters = Array(sql)
        var result = ""
        var quote: Character?
        var count = 0
        for (index, character) in characters.enumerated() {
            if let open = quote {
                if character == open { quote = nil }
                result.append(character)
            } else if character == "'" || character == "\"" {
                quote = character
                result.append(character)
            } else if character == "?" {
                let numbered = index + 1 < characters.count && characters[index + 1].isASCII && characters[index + 1].isNumber
                if numbered {
                    result.append("$")
                } else {
                    count += 1
                    result += "$\(count)"
                }
            } else {
                result.append(character)
            }
        }
        return result
    }

    static func argument(_ value: RawValue) -> PostgresArgument {
        switch value {
        // Untyped: the server takes the column's type.
        case .null: .text(nil)
        case .integer(let value): .int64(value)
        case .real(let value): .double(value)
        case .text(let value): .text(value)
        case .bytes(let value): .bytes(value)
        case .boolean(let value): .boolean(value)
        }
    }

    static func rawValue(_ cell: PostgresCell) throws -> RawValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .bool: return .boolean(try cell.decode(Bool.self))
        case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
        case .float4, .float8: return .real(try cell.decode(Double.self))
        case .bytea:
            var buffer = try cell.decode(ByteBuffer.self)
            return .bytes(buffer.readBytes(length: buffer.readableBytes) ?? [])
        default: return .text(try cell.decode(String.self))
        }
    }
}

extension PostgresCaseStorage: RawTableAccess {
    package func withRawTables<T>(writing: Bool, _ body: (any RawTables) throws -> T) throws -> T {
        try connections.withSession { session in
            try session.execute(writing ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            do {
                let result = try body(PostgresRawTables(session: session))
                try session.execute("COMMIT")
                return result
            } catch {
                try? session.execute("ROLLBACK")
                throw error
            }
        }
    }
}
