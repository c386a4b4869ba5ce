/// What only an administrator does.
public enum AdministrativeAction: String, Sendable, Hashable, CaseIterable {
    case addPeople = "principal.add"
    case changePeople = "principal.change"
    case manageEvents = "event.add"
    case signCheckpoints = "audit.checkpoint"

    public var phrase: String {
        switch self {
        case .addPeople: "adding people"
        case .changePeople: "changing people's roles and accounts"
        case .manageEvents: "managing events"
        case .signCheckpoints: "signing checkpoints of the log"
        }
    }
}
