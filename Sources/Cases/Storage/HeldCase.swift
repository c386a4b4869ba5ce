/// A case still open, as reminders read it: its clear summary, who holds a copy of its key (a
/// person's id, `@recovery`, `@reporter`, `@enrol:ID`) and whether by assignment, and every stage
/// it entered, oldest first. Nothing in it is encrypted, so nothing in it is content.
package struct HeldCase: Sendable, Hashable {
    package let summary: CaseSummary
    package let holders: [String: Bool]
    package let history: [StageEntry]

    package init(summary: CaseSummary, holders: [String: Bool], history: [StageEntry]) {
        self.summary = summary
        self.holders = holders
        self.history = history
    }
}
