import Foundation

/// One decrypted record of a case, as a key holder sees it.
public struct CaseRecord: Sendable, Hashable, Encodable {
    public let sequence: UInt64
    public let kind: RecordKind
    public let createdAt: Date
    /// Who wrote it: a principal's id, or `reporter`. Kept inside the ciphertext.
    public let author: String
    public let text: String
    /// For a stage change's reason, the stage the case moved to; nil for every other record.
    public let stage: String?

    enum CodingKeys: String, CodingKey {
        case sequence, kind, author, text, stage
        case createdAt = "created_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sequence, forKey: .sequence)
        try container.encode(kind, forKey: .kind)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(author, forKey: .author)
        try container.encode(text, forKey: .text)
        if kind == .stageReason { try container.encode(stage, forKey: .stage) }
    }
}
