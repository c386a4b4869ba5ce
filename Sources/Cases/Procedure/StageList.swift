import Yams

/// The stages of a procedure file as they are read, with the node each was declared at, so
/// that whatever is read after them — transitions, feedback, categories — can name a stage and
/// be refused where it names one wrongly.
struct StageList {
    let stages: [Stage]
    let nodes: [String: Node]
    let panel: Stage

    /// Version 2 marks the stage the appeals panel works (`appeals-panel: true`). A version 1
    /// file, written before the mark existed, keeps the meaning it always had: the panel works
    /// the stage called `appeal`.
    init(_ node: Node, reader: PolicyReader, version: Int) throws(PolicyError) {
        var stages: [Stage] = []
        var nodes: [String: Node] = [:]
        for item in try reader.sequence(node, "stages") {
            let fields = try reader.mapping(item, "a stage", allowed: ["id", "title", "due", "terminal", "appeals-panel"], required: ["id", "title"])
            let id = try reader.identifier(fields["id"]!.value, "stage id")
            guard nodes[id] == nil else { throw reader.error(fields["id"]!.value, "stage '\(id)' is declared twice") }
            let terminal = try fields["terminal"].map { (entry) throws(PolicyError) in try reader.boolean(entry.value, "terminal") } ?? false
            let panel = try fields["appeals-panel"].map { (entry) throws(PolicyError) in try reader.boolean(entry.value, "appeals-panel") } ?? false
            let due = try fields["due"].map { (entry) throws(PolicyError) in try reader.duration(entry.value, "due") }
            if terminal, let entry = fields["due"] { throw reader.error(entry.value, "terminal stage '\(id)' cannot have a deadline") }
            if terminal, panel { throw reader.error(fields["appeals-panel"]!.value, "the appeals panel cannot work a terminal stage: nothing could leave it") }
            if panel, let other = stages.first(where: \.isAppealsPanel) {
                throw reader.error(fields["appeals-panel"]!.value, "stage '\(other.id)' is already the appeals panel's: only one stage may be")
            }
            stages.append(Stage(id: id, title: try reader.string(fields["title"]!.value, "title"), due: due, isTerminal: terminal, isAppealsPanel: panel))
            nodes[id] = fields["id"]!.value
        }
        guard !stages.isEmpty else { throw reader.error(node, "there must be at least one stage") }
        guard !stages[0].isTerminal else { throw reader.error(nodes[stages[0].id], "the first stage, where cases start, cannot be terminal") }
        guard stages.contains(where: \.isTerminal) else { throw reader.error(node, "no stage is terminal: no case could ever close") }
        if version == 1, !stages.contains(where: \.isAppealsPanel), let index = stages.firstIndex(where: { $0.id == "appeal" && !$0.isTerminal }) {
            let appeal = stages[index]
            stages[index] = Stage(id: appeal.id, title: appeal.title, due: appeal.due, isTerminal: false, isAppealsPanel: true)
        }
        guard let panel = stages.first(where: \.isAppealsPanel) else {
            throw reader.error(node, "no stage has 'appeals-panel: true': the appeals panel would never work a case (mark the appeal stage)")
        }
        guard panel.id != stages[0].id else {
            throw reader.error(nodes[panel.id], "the appeals panel cannot work the first stage: a case reaches the panel only by being moved there")
        }
        self.stages = stages
        self.nodes = nodes
        self.panel = panel
    }

    /// The id at `node`, which must name a stage of this list.
    func known(_ node: Node, _ what: String, reader: PolicyReader) throws(PolicyError) -> String {
        let id = try reader.string(node, what)
        guard nodes[id] != nil else {
            throw reader.error(node, "\(what) names unknown stage '\(id)' (stages are: \(stages.map(\.id).joined(separator: ", ")))")
        }
        return id
    }

    func stage(_ id: String) -> Stage { stages.first { $0.id == id }! }
}
