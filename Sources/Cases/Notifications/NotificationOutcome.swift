/// What became of one notification: delivered (the command exited 0) or why not.
public struct NotificationOutcome: Sendable, Hashable {
    public enum Failure: Sendable, Hashable, CustomStringConvertible {
        case cannotStart(String)
        case exited(Int32)
        case signalled(Int32)
        case timedOut(seconds: Int)

        public var description: String {
            switch self {
            case .cannotStart(let why): "the command could not be started: \(why)"
            case .exited(let status): "the command exited with status \(status)"
            case .signalled(let signal): "the command was killed by signal \(signal)"
            case .timedOut(let seconds): "the command did not finish within \(seconds) seconds and was stopped"
            }
        }
    }

    public let notification: Notification
    /// Nil when delivered.
    public let failure: Failure?

    public var isDelivered: Bool { failure == nil }
}

extension NotificationOutcome: Encodable {
    enum CodingKeys: String, CodingKey {
        case to, kind, reminders, delivered, problem
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(notification.recipient, forKey: .to)
        try container.encode(notification.kind.name, forKey: .kind)
        try container.encode(notification.reminders.count, forKey: .reminders)
        try container.encode(isDelivered, forKey: .delivered)
        try container.encode(failure?.description, forKey: .problem)
    }
}
