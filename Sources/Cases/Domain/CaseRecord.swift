import Foundation

/// One decrypted record of a case, as a key holder sees it.
public struct CaseRecord: Sendable, Hashable {
    public let sequence: UInt64
    public let kind: RecordKind
    public let createdAt: Date
    /// Who wrote it: a principal's id, or `reporter`. Kept inside the ciphertext.
    public let author: String
    public let text: String
}
