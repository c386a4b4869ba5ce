import AuditLog
import Foundation
import GrievanceCrypto

/// The notification command: set by an administrator, read by whoever notifies.
extension Installation {
    /// What config.json names now, signed or not (for `notify show`).
    public func notifySettings() throws -> NotifySettings? { try directory.readConfiguration().notify }

    /// The notifier to send through, if one is set and an active administrator whose certificate
    /// verifies signed it; nil if none is set. Throws, saying why, for one nobody trusted signed.
    public func notifier() throws -> Notifier? { try directory.notifier(ledger: ledger) }

    /// Sets the notification command, signed by `actor`, or with nil removes it. Administrators
    /// only; logged with the program and a hash of every setting — not the arguments, which may
    /// hold an address someone would rather not see in the log.
    public func configureNotifications(_ settings: NotifySettings?, by actor: UnlockedPrincipal) throws {
        let signed = settings?.signed(by: actor, origin: configuration.auditOrigin)
        try ledger.transaction { repository in
            try administration.requireAdministrator(actor, for: .configureNotifications, repository: repository)
            let details: [AuditDetail] = signed.map { settings in [
                AuditDetail("program", settings.command[0]), AuditDetail("format", settings.format.rawValue),
                AuditDetail("timeout", String(settings.timeoutSeconds)),
                AuditDetail("sha256", SHA256.hash(settings.statement(origin: configuration.auditOrigin, signer: actor.id)).hex),
            ] } ?? [AuditDetail("program", "none")]
            try repository.audit(ledger.entry(actor.id, "notify.configured", nil, details))
            // Last, so that a file that cannot be written leaves no entry saying it was.
            var current = try directory.readConfiguration()
            current.notify = signed
            try directory.replaceConfiguration(current)
        }
    }
}
