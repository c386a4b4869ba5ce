/// One value in raw SQL, for tests and benchmarks that read or edit the tables behind Cases'
/// back (`RawTables`): the few kinds both engines store. Booleans are their own case because
/// PostgreSQL's `boolean` columns take no integer; SQLite binds them as 1 and 0, and reads its
/// flags back as integers, as it stores them.
package enum RawValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case bytes([UInt8])
    case boolean(Bool)

    package var integer: Int64? { if case .integer(let value) = self { value } else { nil } }
    package var text: String? { if case .text(let value) = self { value } else { nil } }
    package var bytes: [UInt8]? { if case .bytes(let value) = self { value } else { nil } }
    /// A flag as either engine keeps it: `boolean` in PostgreSQL, 0 or 1 in SQLite.
    package var flag: Bool? {
        switch self {
        case .boolean(let value): value
        case .integer(let value): value != 0
        default: nil
        }
    }
}

extension RawValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral, ExpressibleByNilLiteral {
    package init(stringLiteral value: String) { self = .text(value) }
    package init(integerLiteral value: Int64) { self = .integer(value) }
    package init(booleanLiteral value: Bool) { self = .boolean(value) }
    package init(nilLiteral: ()) { self = .null }
}
