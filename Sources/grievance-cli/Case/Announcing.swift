import Cases
import Foundation

/// What `case open` does after filing an urgent or safeguarding case: tells the safeguarding
/// leads through the notification command. Never fails the command: the case is filed, and a
/// warning says what went wrong.
enum Announcing {
    static func announce(_ filed: FiledCase, in installation: Installation) async {
        guard !filed.announcements.isEmpty else { return }
        var standardError = StandardError()
        let notifier: Notifier?
        do {
            notifier = try installation.notifier()
        } catch {
            let failure = ErrorReport.words(for: error)
            print("grievance-cli: warning: \(filed.reference) was filed, but nobody was notified: \(failure?.message ?? "\(error)")", to: &standardError)
            if let hint = failure?.hint { print("grievance-cli: hint: \(hint)", to: &standardError) }
            return
        }
        guard let notifier else {
            print("grievance-cli: note: no notification command is set, so the safeguarding lead was not told of \(filed.reference) at once "
                  + "(grievance-cli notify set)", to: &standardError)
            return
        }
        for outcome in await notifier.send(filed.announcements) {
            guard let failure = outcome.failure else { continue }
            print("grievance-cli: warning: \(filed.reference) was filed, but notifying \(outcome.notification.recipient) failed: \(failure)",
                  to: &standardError)
        }
    }
}
