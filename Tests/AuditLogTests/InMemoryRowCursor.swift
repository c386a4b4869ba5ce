import AuditLog

/// Rows held in memory, handed out as `AuditRowCursor` promises: each column's bytes are
/// copied into memory of their own at `step()` and freed at the next, so a reader that keeps a
/// buffer past its row reads freed memory here, as it would with a real engine's cursor.
final class InMemoryRowCursor: AuditRowCursor {
    enum Value {
        case integer(Int64)
        case bytes([UInt8])
        case null
    }

    private let rows: [[Value]]
    private var next = 0
    private var current: [Value] = []
    private var buffers: [UnsafeMutableRawBufferPointer] = []

    init(rows: [[Value]]) { self.rows = rows }

    func step() throws -> Bool {
        release()
        guard next < rows.count else { return false }
        current = rows[next]
        next += 1
        buffers = current.map { value in
            guard case .bytes(let bytes) = value else { return UnsafeMutableRawBufferPointer(start: nil, count: 0) }
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 1)
            bytes.withUnsafeBytes { buffer.copyMemory(from: $0) }
            return buffer
        }
        return true
    }

    func int64(_ column: Int32) -> Int64 {
        guard case .integer(let value) = current[Int(column)] else { return 0 }
        return value
    }

    func isNull(_ column: Int32) -> Bool {
        guard case .null = current[Int(column)] else { return false }
        return true
    }

    func blob(_ column: Int32) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(buffers[Int(column)]) }

    func text(_ column: Int32) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(buffers[Int(column)]) }

    private func release() {
        for buffer in buffers { buffer.deallocate() }
        buffers = []
    }

    deinit { release() }
}
