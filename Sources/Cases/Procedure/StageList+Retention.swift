import Foundation
import Yams

extension StageList {
    /// The `retention` section: `closed-cases`, and optional `by-category` and `by-outcome`
    /// mappings whose keys must be categories, and stages a case can be closed from.
    func retention(_ node: Node, categories: [CaseCategory], transitions: [Transition], reader: PolicyReader) throws(PolicyError) -> RetentionRule {
        let fields = try reader.mapping(node, "retention", allowed: ["closed-cases", "by-category", "by-outcome"], required: ["closed-cases"])
        var byCategory: [String: PolicyDuration] = [:]
        if let entry = fields["by-category"] {
            guard let mapping = entry.value.mapping else { throw reader.error(entry.value, "by-category must map categories to durations") }
            for (key, value) in mapping {
                let id = try reader.string(key, "by-category")
                guard categories.contains(where: { $0.id == id }) else {
                    throw reader.error(key, "by-category names unknown category '\(id)' (categories are: \(categories.map(\.id).joined(separator: ", ")))")
                }
                byCategory[id] = try reader.duration(value, "retention for '\(id)'")
            }
        }
        var byOutcome: [String: PolicyDuration] = [:]
        if let entry = fields["by-outcome"] {
            guard let mapping = entry.value.mapping else { throw reader.error(entry.value, "by-outcome must map stages to durations") }
            let closing = Set(transitions.filter { stage($0.to).isTerminal }.map(\.from))
            for (key, value) in mapping {
                let id = try known(key, "by-outcome", reader: reader)
                guard closing.contains(id) else {
                    throw reader.error(key, "by-outcome names '\(id)', from which no case is closed (cases close from: \(closing.sorted().joined(separator: ", ")))")
                }
                byOutcome[id] = try reader.duration(value, "retention for cases closed from '\(id)'")
            }
        }
        let closedCases = try reader.duration(fields["closed-cases"]!.value, "closed-cases")
        // The longest rule that applies wins, so one shorter than closed-cases would never apply:
        // refused, rather than read as a promise to end such cases sooner.
        let epoch = Date(timeIntervalSince1970: 0)
        for (section, rules) in [("by-category", byCategory), ("by-outcome", byOutcome)] {
            for (key, duration) in rules where duration.after(epoch) < closedCases.after(epoch) {
                throw reader.error(fields[section]!.value, "\(section) gives '\(key)' \(duration), shorter than closed-cases (\(closedCases)): the longest rule that applies is kept, so it would never take effect")
            }
        }
        return RetentionRule(closedCases: closedCases, byCategory: byCategory, byOutcome: byOutcome)
    }
}
