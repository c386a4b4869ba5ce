import Foundation

/// A move the person looking at a case may make now, as the procedure and the access rule
/// decide it: their role, the case's stage, and any window (an appeal's) that is still open.
public struct StageMove: Sendable, Hashable, Encodable {
    public let to: String
    public let title: String
    /// When the window for this move closes; nil for a move with no window.
    public let until: Date?

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(to, forKey: .to)
        try container.encode(title, forKey: .title)
        try container.encode(until, forKey: .until)
    }

    enum CodingKeys: String, CodingKey {
        case to, title, until
    }
}
