import Foundation
import GrievanceCrypto
import Yams

/// Reads a procedure file and refuses it, with file, line and problem, unless every rule holds:
/// known keys only, stages and categories unique, transitions between known stages and taken by
/// roles that see content, every stage reachable, no dead ends, every category routed.
public enum ProcedureLoader {
    public static func load(contentsOf url: URL) throws -> Procedure {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw PolicyError(file: url.lastPathComponent, line: 1, column: 1, problem: "cannot be read: \(error.localizedDescription)")
        }
        return try load(data: data, file: url.lastPathComponent)
    }

    public static func load(data: Data, file: String) throws(PolicyError) -> Procedure {
        let reader = PolicyReader(file: file)
        guard let text = String(data: data, encoding: .utf8) else { throw reader.error(nil, "is not UTF-8 text") }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { throw reader.error(nil, "is empty") }
            root = node
        } catch let error as PolicyError {
            throw error
        } catch let error as YamlError {
            throw Self.located(error, file: file)
        } catch {
            throw reader.error(nil, "is not valid YAML: \(error)")
        }
        return try build(root, reader: reader, hash: SHA256.hash([UInt8](data)))
    }

    private static func build(_ root: Node, reader: PolicyReader, hash: Digest) throws(PolicyError) -> Procedure {
        let top = try reader.mapping(
            root, "the procedure",
            allowed: ["version", "name", "stages", "transitions", "feedback", "categories", "retention", "summary"],
            required: ["version", "name", "stages", "transitions", "categories", "retention"])
        guard try reader.integer(top["version"]!.value, "version", in: 1...1000) == 1 else {
            throw reader.error(top["version"]!.value, "this system reads version 1 of the procedure format")
        }
        let name = try reader.string(top["name"]!.value, "name")

        var stages: [Stage] = []
        var stageNodes: [String: Node] = [:]
        for node in try reader.sequence(top["stages"]!.value, "stages") {
            let fields = try reader.mapping(node, "a stage", allowed: ["id", "title", "due", "terminal"], required: ["id", "title"])
            let id = try reader.identifier(fields["id"]!.value, "stage id")
            guard stageNodes[id] == nil else { throw reader.error(fields["id"]!.value, "stage '\(id)' is declared twice") }
            let terminal = try fields["terminal"].map { (entry) throws(PolicyError) in try reader.boolean(entry.value, "terminal") } ?? false
            let due = try fields["due"].map { (entry) throws(PolicyError) in try reader.duration(entry.value, "due") }
            if terminal, let entry = fields["due"] { throw reader.error(entry.value, "terminal stage '\(id)' cannot have a deadline") }
            stages.append(Stage(id: id, title: try reader.string(fields["title"]!.value, "title"), due: due, isTerminal: terminal))
            stageNodes[id] = fields["id"]!.value
        }
        guard !stages.isEmpty else { throw reader.error(top["stages"]!.value, "there must be at least one stage") }
        guard !stages[0].isTerminal else { throw reader.error(stageNodes[stages[0].id], "the first stage, where cases start, cannot be terminal") }
        guard stages.contains(where: \.isTerminal) else { throw reader.error(top["stages"]!.value, "no stage is terminal: no case could ever close") }

        func knownStage(_ node: Node, _ what: String) throws(PolicyError) -> String {
            let id = try reader.string(node, what)
            guard stageNodes[id] != nil else {
                throw reader.error(node, "\(what) names unknown stage '\(id)' (stages are: \(stages.map(\.id).joined(separator: ", ")))")
            }
            return id
        }

        var transitions: [Transition] = []
        for node in try reader.sequence(top["transitions"]!.value, "transitions") {
            let fields = try reader.mapping(node, "a transition", allowed: ["from", "to", "roles", "within"], required: ["from", "to", "roles"])
            let from = try knownStage(fields["from"]!.value, "'from'")
            let to = try knownStage(fields["to"]!.value, "'to'")
            guard from != to else { throw reader.error(node, "a transition must lead to another stage") }
            if stages.first(where: { $0.id == from })!.isTerminal {
                throw reader.error(fields["from"]!.value, "stage '\(from)' is terminal: nothing may leave it")
            }
            let roles = try reader.roles(fields["roles"]!.value, "roles")
            guard !roles.isEmpty else { throw reader.error(fields["roles"]!.value, "nobody may take the transition \(from) → \(to): list at least one role") }
            for role in roles where !role.readsContent {
                throw reader.error(fields["roles"]!.value, "role '\(role.rawValue)' never sees case content, so it cannot move cases")
            }
            guard !transitions.contains(where: { $0.from == from && $0.to == to }) else {
                throw reader.error(node, "the transition \(from) → \(to) is declared twice")
            }
            let within = try fields["within"].map { (entry) throws(PolicyError) in try reader.duration(entry.value, "within") }
            transitions.append(Transition(from: from, to: to, roles: Set(roles), within: within))
        }

        // Every stage can be reached from the first, and every stage but a terminal one has a way out.
        var reachable: Set<String> = [stages[0].id]
        var frontier = [stages[0].id]
        while let current = frontier.popLast() {
            for transition in transitions where transition.from == current && !reachable.contains(transition.to) {
                reachable.insert(transition.to)
                frontier.append(transition.to)
            }
        }
        for stage in stages where !reachable.contains(stage.id) {
            throw reader.error(stageNodes[stage.id], "stage '\(stage.id)' cannot be reached from '\(stages[0].id)' by any transition")
        }
        for stage in stages where !stage.isTerminal && !transitions.contains(where: { $0.from == stage.id }) {
            throw reader.error(stageNodes[stage.id], "stage '\(stage.id)' is not terminal but no transition leaves it: cases would be stuck there")
        }

        var feedback: FeedbackRule?
        if let entry = top["feedback"] {
            let fields = try reader.mapping(entry.value, "feedback", allowed: ["from", "within", "met-by"], required: ["from", "within", "met-by"])
            var metBy: Set<String> = []
            for node in try reader.sequence(fields["met-by"]!.value, "met-by") { metBy.insert(try knownStage(node, "met-by")) }
            guard !metBy.isEmpty else { throw reader.error(fields["met-by"]!.value, "met-by must name at least one stage") }
            feedback = FeedbackRule(
                from: try knownStage(fields["from"]!.value, "feedback 'from'"),
                within: try reader.duration(fields["within"]!.value, "within"), metBy: metBy)
        }

        var categories: [CaseCategory] = []
        for node in try reader.sequence(top["categories"]!.value, "categories") {
            let fields = try reader.mapping(node, "a category", allowed: ["id", "title", "route-to", "due"], required: ["id", "title", "route-to"])
            let id = try reader.identifier(fields["id"]!.value, "category id")
            guard !categories.contains(where: { $0.id == id }) else { throw reader.error(fields["id"]!.value, "category '\(id)' is declared twice") }
            let routeTo = try reader.roles(fields["route-to"]!.value, "route-to")
            guard !routeTo.isEmpty else { throw reader.error(fields["route-to"]!.value, "category '\(id)' is routed to no role: nobody would receive it") }
            for role in routeTo where !role.readsContent {
                throw reader.error(fields["route-to"]!.value, "category '\(id)' is routed to '\(role.rawValue)', which never sees case content")
            }
            var due: [String: PolicyDuration] = [:]
            if let entry = fields["due"] {
                guard let mapping = entry.value.mapping else { throw reader.error(entry.value, "due must map stages to durations") }
                for (key, value) in mapping {
                    let stage = try knownStage(key, "due")
                    due[stage] = try reader.duration(value, "due for '\(stage)'")
                }
            }
            categories.append(CaseCategory(id: id, title: try reader.string(fields["title"]!.value, "title"), routeTo: routeTo, due: due))
        }
        guard !categories.isEmpty else { throw reader.error(top["categories"]!.value, "there must be at least one category") }

        let retention = try reader.mapping(top["retention"]!.value, "retention", allowed: ["closed-cases"], required: ["closed-cases"])
        var threshold = 5
        if let entry = top["summary"] {
            let fields = try reader.mapping(entry.value, "summary", allowed: ["suppression-threshold"])
            if let value = fields["suppression-threshold"] { threshold = try reader.integer(value.value, "suppression-threshold", in: 2...100) }
        }
        return Procedure(
            name: name, stages: stages, transitions: transitions, categories: categories, feedback: feedback,
            retainClosedCases: try reader.duration(retention["closed-cases"]!.value, "closed-cases"),
            suppressionThreshold: threshold, hash: hash)
    }

    private static func located(_ error: YamlError, file: String) -> PolicyError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            PolicyError(file: file, line: mark.line, column: mark.column, problem: "not valid YAML: \(problem)")
        default:
            PolicyError(file: file, line: 1, column: 1, problem: "not valid YAML: \(error)")
        }
    }
}
