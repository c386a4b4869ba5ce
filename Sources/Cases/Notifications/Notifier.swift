import Foundation

/// Runs the configured command once per notification: the message on its standard input, the
/// recipient's id in `GRIEVANCE_NOTIFY_TO` (and in the message), within the time allowed. It
/// never throws: a notification that fails is an outcome to log, never a reason to lose or hold
/// back what prompted it.
public struct Notifier: Sendable {
    public let settings: NotifySettings

    /// The variables the command inherits from ours; nothing else — never a passphrase a script
    /// gave this process (`GRIEVANCE_PASSPHRASE`), nor anything else of the caller's.
    static let inherited = ["PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "USER", "LOGNAME", "TMPDIR"]

    init(settings: NotifySettings) { self.settings = settings }

    public func send(_ notification: Notification) async -> NotificationOutcome {
        let ending = await CommandRun.run(settings.command, environment: environment(for: notification),
                                          input: notification.message(format: settings.format), timeout: .seconds(settings.timeoutSeconds))
        let failure: NotificationOutcome.Failure? = switch ending {
        case .exited(0): nil
        case .exited(let status): .exited(status)
        case .signalled(let signal): .signalled(signal)
        case .timedOut: .timedOut(seconds: settings.timeoutSeconds)
        case .cannotStart(let why): .cannotStart(why)
        }
        return NotificationOutcome(notification: notification, failure: failure)
    }

    /// Each in turn: a person's digest is one run, and runs never overlap.
    public func send(_ notifications: [Notification]) async -> [NotificationOutcome] {
        var outcomes: [NotificationOutcome] = []
        for notification in notifications { outcomes.append(await send(notification)) }
        return outcomes
    }

    func environment(for notification: Notification) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { Self.inherited.contains($0.key) }
        if environment["PATH"] == nil { environment["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" }
        environment["GRIEVANCE_NOTIFY_TO"] = notification.recipient
        environment["GRIEVANCE_NOTIFY_KIND"] = notification.kind.name
        environment["GRIEVANCE_NOTIFY_SUBJECT"] = notification.subject
        return environment
    }
}
