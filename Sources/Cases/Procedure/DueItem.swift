import Foundation

/// Something a case owes by a date: leaving its stage, or feedback to the reporter.
public struct DueItem: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// The case should leave this stage by `due`.
        case stage(String)
        /// The reporter should have heard back by `due`.
        case feedback
    }

    public let kind: Kind
    public let due: Date

    public func isOverdue(at now: Date) -> Bool { now > due }
}
