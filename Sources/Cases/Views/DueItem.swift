import Foundation

/// Something a case owes by a date: leaving its stage, or feedback to the reporter.
public struct DueItem: Sendable, Hashable, Encodable {
    public enum Kind: Sendable, Hashable, CustomStringConvertible {
        /// The case should leave this stage by `due`.
        case stage(String)
        /// The reporter should have heard back by `due`.
        case feedback

        public var description: String {
            switch self {
            case .stage(let stage): "leave \(stage)"
            case .feedback: "feedback to the reporter"
            }
        }
    }

    public let kind: Kind
    public let due: Date
    /// Past due by Cases' clock when the view was made.
    public let isOverdue: Bool

    enum CodingKeys: String, CodingKey {
        case what, due, overdue
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind.description, forKey: .what)
        try container.encode(due, forKey: .due)
        try container.encode(isOverdue, forKey: .overdue)
    }
}
