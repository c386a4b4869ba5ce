/// What the intake page offers a reporter: the events, the categories, and the people who may
/// see a case, so that the reporter can keep away anyone they fear is involved.
public struct IntakeOptions: Sendable {
    public struct Person: Sendable, Hashable {
        public let id: String
        public let name: String
    }

    public let events: [Event]
    public let categories: [CaseCategory]
    /// Everyone active who could be routed or assigned a case. Their names are shown to the
    /// public on purpose: a reporter cannot exclude someone they cannot name.
    public let handlers: [Person]
}
