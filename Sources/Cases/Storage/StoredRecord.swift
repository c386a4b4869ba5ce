import Foundation

/// An encrypted record as storage holds it.
package struct StoredRecord: Sendable, Hashable {
    package let sequence: UInt64
    package let kind: RecordKind
    package let sealed: [UInt8]
    package let createdAt: Date
    /// The epoch of the case key it was sealed under.
    package let keyEpoch: Int
}
