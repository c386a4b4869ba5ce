import Yams

/// Typed, located access to a YAML node tree: every refusal names the file, line and column of
/// the node at fault. Unknown keys are refused, so a misspelt key cannot silently drop a rule.
struct PolicyReader {
    let file: String

    func error(_ node: Node?, _ problem: String) -> PolicyError {
        // Yams marks are 1-based already.
        PolicyError(file: file, line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1, problem: problem)
    }

    /// The entries of a mapping, after checking every key is one of `allowed` and every
    /// `required` key is present.
    func mapping(_ node: Node, _ what: String, allowed: Set<String>, required: Set<String> = []) throws(PolicyError) -> [String: (key: Node, value: Node)] {
        guard let mapping = node.mapping else { throw error(node, "\(what) must be a mapping of keys to values") }
        var entries: [String: (key: Node, value: Node)] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else { throw error(key, "keys of \(what) must be plain words") }
            guard allowed.contains(name) else {
                throw error(key, "unknown key '\(name)' in \(what) (expected one of: \(allowed.sorted().joined(separator: ", ")))")
            }
            entries[name] = (key, value)
        }
        for name in required.sorted() where entries[name] == nil {
            throw error(node, "\(what) is missing '\(name)'")
        }
        return entries
    }

    func sequence(_ node: Node, _ what: String) throws(PolicyError) -> [Node] {
        guard let sequence = node.sequence else { throw error(node, "\(what) must be a list") }
        return Array(sequence)
    }

    func string(_ node: Node, _ what: String) throws(PolicyError) -> String {
        guard let scalar = node.scalar, !scalar.string.isEmpty else { throw error(node, "\(what) must be a non-empty text") }
        return scalar.string
    }

    /// An identifier: lower-case letters, digits and '-', as stage and category ids are.
    func identifier(_ node: Node, _ what: String) throws(PolicyError) -> String {
        let text = try string(node, what)
        let valid = text.utf8.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "-") }
        guard valid, text.utf8.count <= 64 else { throw error(node, "\(what) '\(text)' must be 1 to 64 of a-z, 0-9 and '-'") }
        return text
    }

    func integer(_ node: Node, _ what: String, in range: ClosedRange<Int>) throws(PolicyError) -> Int {
        guard let value = node.scalar.flatMap({ Int($0.string) }), range.contains(value) else {
            throw error(node, "\(what) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    func boolean(_ node: Node, _ what: String) throws(PolicyError) -> Bool {
        switch node.scalar?.string {
        case "true": return true
        case "false": return false
        default: throw error(node, "\(what) must be true or false")
        }
    }

    func duration(_ node: Node, _ what: String) throws(PolicyError) -> PolicyDuration {
        let text = try string(node, what)
        guard let duration = PolicyDuration(parsing: text) else {
            throw error(node, "\(what) '\(text)' is not a duration: write a number and hours, days, weeks, months or years")
        }
        return duration
    }

    func roles(_ node: Node, _ what: String) throws(PolicyError) -> [Role] {
        var roles: [Role] = []
        for item in try sequence(node, what) {
            let name = try string(item, what)
            guard let role = Role(rawValue: name) else {
                throw error(item, "unknown role '\(name)' in \(what) (roles are: \(Role.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard !roles.contains(role) else { throw error(item, "role '\(name)' is listed twice in \(what)") }
            roles.append(role)
        }
        return roles
    }
}
