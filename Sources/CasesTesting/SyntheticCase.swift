import Foundation

/// A case made up for statistics: its clear metadata and the stages it went through, with no
/// content. Tests and benchmarks write these straight into the tables summaries read.
public struct SyntheticCase: Sendable, Hashable {
    public var reference: String
    public var category: String
    public var region: String?
    public var event: String?
    public var respondentRole: String?
    public var channel: String
    public var gender: String?
    /// Every stage entered, oldest first; the first is `received`, at filing.
    public var transitions: [Transition]

    public struct Transition: Sendable, Hashable {
        public var stage: String
        public var at: Date
    }

    public var createdAt: Date { transitions[0].at }

    /// The last stage entered before `date`, if the case existed then.
    public func stage(before date: Date) -> Transition? { transitions.last { $0.at < date } }
}
