import AuditLog
import Foundation

extension CaseService {
    /// Adds an event to the register. Administrators manage events.
    public func addEvent(_ event: Event, by actor: UnlockedPrincipal) throws {
        guard Principal.isValidID(event.slug), !event.slug.contains(".") else {
            throw CasesError.invalid("slug", "use 1 to 64 of a-z, 0-9, '-' and '_' (it becomes the event's link)")
        }
        guard !event.name.isEmpty, event.name.utf8.count <= 200 else { throw CasesError.invalid("name", "give a name of 1 to 200 bytes") }
        let parse = ISO8601DateFormatter()
        parse.formatOptions = [.withFullDate]
        guard let starts = parse.date(from: event.starts), let ends = parse.date(from: event.ends) else {
            throw CasesError.invalid("dates", "write dates as YYYY-MM-DD")
        }
        guard starts <= ends else { throw CasesError.invalid("dates", "the event ends before it starts") }
        if event.online {
            guard event.city == nil, event.country == nil else { throw CasesError.invalid("place", "an online event has no city or country") }
        } else {
            guard let city = event.city, !city.isEmpty, let country = event.country, country.count == 2, country == country.uppercased() else {
                throw CasesError.invalid("place", "give a city and a two-letter country code, or mark the event online")
            }
        }
        try transaction { repository in
            guard actor.principal.roles.contains(.admin), !actor.principal.isDisabled else {
                throw Self.denial(.notAllowed("only an administrator manages events", hint: "ask an administrator; the attempt was logged"), actor: actor.id, action: "event.add", reference: nil, reason: "role")
            }
            guard try !repository.eventExists(event.slug) else { throw CasesError.duplicate("an event \(event.slug)") }
            try repository.insertEvent(event)
            try repository.audit(AuditEntryDraft(actor: actor.id, action: "event.added", details: [AuditDetail("slug", event.slug)], time: clock()))
        }
    }

    public func events() throws -> [Event] { try storage.read { try $0.events() } }

    /// Logs the procedure's hash when it differs from the one last in force, so that the version
    /// that governed any case can be shown. Call once at start. Every command opens the data
    /// directory through here, so the usual case — nothing changed — takes no write lock.
    public func recordProcedureInForce() throws {
        guard try storage.read({ try $0.setting("procedure-hash") }) != procedure.hash.bytes else { return }
        try storage.write { repository in
            guard try repository.setting("procedure-hash") != procedure.hash.bytes else { return }
            try repository.setSetting("procedure-hash", procedure.hash.bytes)
            try repository.audit(AuditEntryDraft(actor: "system", action: "policy.loaded",
                                                 details: [AuditDetail("name", procedure.name), AuditDetail("sha256", procedure.hash.hex)], time: clock()))
        }
    }
}

extension CaseService {
    /// The choices the intake page offers; clear data only.
    public func intakeOptions() throws -> IntakeOptions {
        try storage.read { repository in
            IntakeOptions(
                events: try repository.events(), categories: procedure.categories,
                handlers: try repository.principals().map(\.principal).filter(\.readsContent).map { IntakeOptions.Person(id: $0.id, name: $0.name) })
        }
    }
}
