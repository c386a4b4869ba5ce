import Foundation
import NIOCore
import PostgresNIO

/// Reading columns by name as the repository needs them; a column of another type than
/// expected is a damaged database, not a crash.
extension PostgresRandomAccessRow {
    func string(_ column: String) throws -> String { try self[column].decode(String.self) }
    func optionalString(_ column: String) throws -> String? { try self[column].decode(String?.self) }
    func int64(_ column: String) throws -> Int64 { try self[column].decode(Int64.self) }
    func optionalInt64(_ column: String) throws -> Int64? { try self[column].decode(Int64?.self) }
    func bool(_ column: String) throws -> Bool { try self[column].decode(Bool.self) }
    func bytes(_ column: String) throws -> [UInt8] {
        var buffer = try self[column].decode(ByteBuffer.self)
        return buffer.readBytes(length: buffer.readableBytes) ?? []
    }
    func optionalBytes(_ column: String) throws -> [UInt8]? {
        guard var buffer = try self[column].decode(ByteBuffer?.self) else { return nil }
        return buffer.readBytes(length: buffer.readableBytes) ?? []
    }
    func int64(at index: Int) throws -> Int64 { try self[index].decode(Int64.self) }
    func optionalInt64(at index: Int) throws -> Int64? { try self[index].decode(Int64?.self) }
    func optionalString(at index: Int) throws -> String? { try self[index].decode(String?.self) }
    func string(at index: Int) throws -> String { try self[index].decode(String.self) }
}
