import Yams

extension StageList {
    /// The categories, each routed only to roles the access rule lets receive and read a case
    /// when it arrives, with deadlines for known stages.
    func categories(_ node: Node, reader: PolicyReader) throws(PolicyError) -> [CaseCategory] {
        var categories: [CaseCategory] = []
        for item in try reader.sequence(node, "categories") {
            let fields = try reader.mapping(item, "a category", allowed: ["id", "title", "route-to", "due"], required: ["id", "title", "route-to"])
            let id = try reader.identifier(fields["id"]!.value, "category id")
            guard !categories.contains(where: { $0.id == id }) else { throw reader.error(fields["id"]!.value, "category '\(id)' is declared twice") }
            let routeTo = try reader.roles(fields["route-to"]!.value, "route-to")
            guard !routeTo.isEmpty else { throw reader.error(fields["route-to"]!.value, "category '\(id)' is routed to no role: nobody would receive it") }
            for role in routeTo {
                let arriving = CaseFacts(stage: stages[0].id, panelStage: panel.id, routedRoles: Set(routeTo), holding: .none)
                if case .refused(let refusal) = Access.decide(roles: [role], isDisabled: false, .receiveRouted, arriving) {
                    throw reader.error(fields["route-to"]!.value, "category '\(id)' is routed to '\(role.rawValue)', who cannot receive it: \(refusal)")
                }
            }
            var due: [String: PolicyDuration] = [:]
            if let entry = fields["due"] {
                guard let mapping = entry.value.mapping else { throw reader.error(entry.value, "due must map stages to durations") }
                for (key, value) in mapping {
                    let stage = try known(key, "due", reader: reader)
                    due[stage] = try reader.duration(value, "due for '\(stage)'")
                }
            }
            categories.append(CaseCategory(id: id, title: try reader.string(fields["title"]!.value, "title"), routeTo: routeTo, due: due))
        }
        guard !categories.isEmpty else { throw reader.error(node, "there must be at least one category") }
        return categories
    }

    func feedback(_ node: Node, reader: PolicyReader) throws(PolicyError) -> FeedbackRule {
        let fields = try reader.mapping(node, "feedback", allowed: ["from", "within", "met-by"], required: ["from", "within", "met-by"])
        var metBy: Set<String> = []
        for item in try reader.sequence(fields["met-by"]!.value, "met-by") { metBy.insert(try known(item, "met-by", reader: reader)) }
        guard !metBy.isEmpty else { throw reader.error(fields["met-by"]!.value, "met-by must name at least one stage") }
        return FeedbackRule(from: try known(fields["from"]!.value, "feedback 'from'", reader: reader),
                            within: try reader.duration(fields["within"]!.value, "within"), metBy: metBy)
    }
}
