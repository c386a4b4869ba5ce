import Foundation
import PostgresNIO

/// A statement's parameter, in the few types the tables use. Bytes go as `bytea`, instants as
/// milliseconds in `bigint`, as in SQLite, so both engines hold the same values.
enum PostgresArgument: Sendable {
    case text(String?)
    case int64(Int64?)
    case bytes([UInt8]?)
    case boolean(Bool?)
    case double(Double?)

    static func integer(_ value: Int64) -> Self { .int64(value) }
    static func integer(_ value: Int) -> Self { .int64(Int64(value)) }
    static func integer(_ value: UInt64) -> Self { .int64(Int64(bitPattern: value)) }

    func bind(into bindings: inout PostgresBindings) throws {
        switch self {
        case .text(let value): bindings.append(value)
        case .int64(let value): bindings.append(value)
        case .bytes(let value): bindings.append(value.map { ByteBuffer(bytes: $0) })
        case .boolean(let value): bindings.append(value)
        case .double(let value): bindings.append(value)
        }
    }
}
