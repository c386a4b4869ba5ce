import AuditLog
import Foundation
import NIOCore
import PostgresNIO

/// Rows of a large table read in order a batch at a time, by key (`WHERE key > last ORDER BY
/// key LIMIT n`), inside the caller's snapshot: the whole audit log is read in constant memory.
/// Each row's columns are copied into buffers this cursor owns, valid until the next `step()`.
final class PostgresRowCursor: AuditRowCursor {
    static let batch = 8192

    private let session: PostgresSession
    private let columns: Int
    private let keyColumn: Int
    private let statement: (Int64) -> (String, [PostgresArgument])
    private var rows: [PostgresRandomAccessRow] = []
    private var position = 0
    private var lastKey: Int64 = -1
    private var exhausted = false
    /// The current row's columns, copied out of postgres-nio's buffers (nil for NULL).
    private var current: [UnsafeMutableRawBufferPointer?] = []

    /// `keyColumn` is the column, selected after the others, whose value orders the rows.
    init(session: PostgresSession, columns: Int, keyColumn: Int = 0, statement: @escaping (Int64) -> (String, [PostgresArgument])) {
        self.session = session
        self.columns = columns
        self.keyColumn = keyColumn
        self.statement = statement
    }

    func step() throws -> Bool {
        if position == rows.count {
            guard !exhausted else { return false }
            let (sql, arguments) = statement(lastKey)
            rows = try session.query(sql, arguments)
            position = 0
            exhausted = rows.count < Self.batch
            guard !rows.isEmpty else { return false }
        }
        let row = rows[position]
        position += 1
        lastKey = try row.int64(at: keyColumn)
        release()
        current = (0..<columns).map { index in
            guard let buffer = row[index].bytes else { return nil }
            let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.readableBytes, alignment: 8)
            buffer.withUnsafeReadableBytes { copy.copyMemory(from: $0) }
            return copy
        }
        return true
    }

    private func release() {
        for buffer in current { buffer?.deallocate() }
        current = []
    }

    deinit { release() }

    func int64(_ column: Int32) -> Int64 {
        guard let bytes = current[Int(column)], (1...8).contains(bytes.count) else { return -1 }
        // Binary format: big-endian, of the column's width (int4 or int8).
        let value = bytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let shift = UInt64(64 - 8 * bytes.count)
        return Int64(bitPattern: value << shift) >> Int64(shift)
    }

    func isNull(_ column: Int32) -> Bool { current[Int(column)] == nil }

    func blob(_ column: Int32) -> UnsafeRawBufferPointer { buffer(column) }

    func text(_ column: Int32) -> UnsafeRawBufferPointer { buffer(column) }

    private func buffer(_ column: Int32) -> UnsafeRawBufferPointer {
        current[Int(column)].map { UnsafeRawBufferPointer($0) } ?? UnsafeRawBufferPointer(start: nil, count: 0)
    }
}
