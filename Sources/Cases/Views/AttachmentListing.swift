import Foundation

/// An attachment of a case as `case show` lists it: which record describes it, and what it is.
public struct AttachmentListing: Sendable, Hashable, Encodable {
    public let sequence: UInt64
    public let createdAt: Date
    public let author: String
    public let info: AttachmentInfo

    enum CodingKeys: String, CodingKey {
        case sequence, name, size, author
        case contentType = "content_type", createdAt = "created_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sequence, forKey: .sequence)
        try container.encode(info.name, forKey: .name)
        try container.encode(info.contentType, forKey: .contentType)
        try container.encode(info.size, forKey: .size)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(author, forKey: .author)
    }
}
