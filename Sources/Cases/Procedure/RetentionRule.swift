import Foundation

/// How long a closed case is kept before retention shreds it: the procedure's `retention`
/// section. The clock starts at the case's last activity — its closing, a message from the
/// reporter, a note, a hold released — never earlier. Where several rules apply, the longest
/// wins: retention may keep a case too long by a rule's choice, never end it too soon.
///
///     retention:
///       closed-cases: 6 years          # every closed case
///       by-category:                   # longer for some categories
///         safeguarding-child: 25 years
///       by-outcome:                    # by the stage a case was closed from
///         assessment: 2 years
public struct RetentionRule: Sendable, Hashable {
    public let closedCases: PolicyDuration
    public let byCategory: [String: PolicyDuration]
    public let byOutcome: [String: PolicyDuration]

    public init(closedCases: PolicyDuration, byCategory: [String: PolicyDuration] = [:], byOutcome: [String: PolicyDuration] = [:]) {
        self.closedCases = closedCases
        self.byCategory = byCategory
        self.byOutcome = byOutcome
    }

    /// The rules as the procedure file says them, on one line.
    public var description: String {
        (["closed-cases: \(closedCases)"] + byCategory.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
            + byOutcome.sorted { $0.key < $1.key }.map { "closed from \($0.key): \($0.value)" }).joined(separator: "; ")
    }

    /// The rules that apply to a case of `category` closed from `outcome`, as a person reads
    /// them (`closed-cases: 6 years`), with the date each would end it after `since`.
    public func applying(category: String, outcome: String?, since: Date) -> [(rule: String, ends: Date)] {
        var rules = [("closed-cases: \(closedCases)", closedCases.after(since))]
        if let duration = byCategory[category] { rules.append(("by-category \(category): \(duration)", duration.after(since))) }
        if let outcome, let duration = byOutcome[outcome] { rules.append(("by-outcome \(outcome): \(duration)", duration.after(since))) }
        return rules
    }

    /// When a case of `category` closed from `outcome` whose last activity was `since` ends,
    /// and by which rule: the latest of those that apply.
    public func end(category: String, outcome: String?, since: Date) -> (rule: String, ends: Date) {
        applying(category: category, outcome: outcome, since: since).max { $0.ends < $1.ends }!
    }
}
