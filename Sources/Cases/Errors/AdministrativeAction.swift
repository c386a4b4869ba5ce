/// What only an administrator does; the raw value is what the audit log records as the attempt.
public enum AdministrativeAction: String, Sendable, Hashable, CaseIterable {
    case addPeople = "principal.add"
    case setRoles = "principal.set-roles"
    case disablePeople = "principal.disable"
    case manageEvents = "event.add"
    case signCheckpoints = "audit.checkpoint"
    case runRetention = "retention.run"
    case installProcedure = "policy.install"
    case configureNotifications = "notify.configure"

    public var phrase: String {
        switch self {
        case .addPeople: "adding people"
        case .setRoles: "setting people's roles"
        case .disablePeople: "disabling accounts"
        case .manageEvents: "managing events"
        case .signCheckpoints: "signing checkpoints of the log"
        case .runRetention: "ending cases under the retention schedule"
        case .installProcedure: "putting a new procedure in force"
        case .configureNotifications: "setting the notification command"
        }
    }
}
