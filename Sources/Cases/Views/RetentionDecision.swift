import Foundation

/// What retention decided for one closed case, and why, from clear metadata only.
public struct RetentionDecision: Sendable, Hashable, Encodable {
    public enum Verdict: String, Sendable, Hashable, Encodable {
        /// Its time has passed: shredded (or, in a dry run, would be).
        case due
        /// Its time has passed, but a hold keeps it.
        case held
        /// Its time has not come.
        case kept
    }

    public let reference: CaseReference
    public let category: String
    /// The stage it was closed from.
    public let outcome: String?
    public let closed: Date
    /// Its last activity, from which the rule's time runs.
    public let lastActivity: Date
    /// The rule that decides, as the procedure says it (`closed-cases: 6 years`): the longest of those that apply.
    public let rule: String
    public let ends: Date
    public let verdict: Verdict
    public let heldSince: Date?

    enum CodingKeys: String, CodingKey {
        case reference, category, outcome, closed, rule, ends, verdict
        case lastActivity = "last_activity", heldSince = "held_since"
    }

    /// The sentence `retention run` prints for it.
    public var why: String {
        let base = "closed from \(outcome ?? "?"), last activity \(Self.day(lastActivity)); \(rule) ends it \(Self.day(ends))"
        guard verdict == .held else { return base }
        return base + ", but it is held (since \(heldSince.map(Self.day) ?? "?"))"
    }

    static func day(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!).year().month().day())
    }
}
