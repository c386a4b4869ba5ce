import AuditLog
import Foundation

extension Administration {
    /// Adds an event to the register. Administrators manage events.
    public func addEvent(_ event: Event, by actor: UnlockedPrincipal) throws {
        try event.check()
        try ledger.transaction { repository in
            try requireAdministrator(actor, for: .manageEvents, repository: repository)
            guard try !repository.eventExists(event.slug) else { throw CasesError(.duplicate(.event(event.slug))) }
            try repository.insertEvent(event)
            try repository.audit(ledger.entry(actor.id, "event.added", nil, [AuditDetail("slug", event.slug)]))
        }
    }

    public func events() throws -> [Event] { try ledger.storage.read { try $0.events() } }
}
