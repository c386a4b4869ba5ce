import Foundation

/// An encrypted record as storage holds it.
public struct StoredRecord: Sendable, Hashable {
    public let sequence: UInt64
    public let kind: RecordKind
    public let sealed: [UInt8]
    public let createdAt: Date
}
