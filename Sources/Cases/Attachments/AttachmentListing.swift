import Foundation

/// An attachment of a case as `case show` lists it: which record describes it, and what it is.
public struct AttachmentListing: Sendable, Hashable {
    public let sequence: UInt64
    public let createdAt: Date
    public let author: String
    public let info: AttachmentInfo
}
