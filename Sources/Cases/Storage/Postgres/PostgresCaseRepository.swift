import AuditLog
import Foundation
import GrievanceCrypto
import PostgresNIO

/// `CaseRepository` over one PostgreSQL transaction: the same tables and values as
/// `SQLiteCaseRepository`, in PostgreSQL's dialect.
struct PostgresCaseRepository: CaseRepository {
    let session: PostgresSession
    let audit: AuditLogStore

    static func millis(_ date: Date) -> PostgresArgument { .integer(SQLiteCaseRepository.millis(date)) }
    static func date(_ millis: Int64) -> Date { SQLiteCaseRepository.date(millis) }

    var tables: PostgresAuditTables { PostgresAuditTables(session: session) }

    func savepoint<T>(_ body: () throws -> T) throws -> T { try session.savepoint(body) }

    func setting(_ key: String) throws -> [UInt8]? {
        try session.query("SELECT value FROM settings WHERE key = $1", [.text(key)]).first.map { try $0.bytes("value") }
    }

    func setSetting(_ key: String, _ value: [UInt8]) throws {
        try session.send("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                            [.text(key), .bytes(value)])
    }

    func deleteSetting(_ key: String) throws {
        try session.send("DELETE FROM settings WHERE key = $1", [.text(key)])
    }

    func principalsGeneration() throws -> Int64 {
        try session.query("SELECT value FROM counters WHERE name = 'principals-generation'").first.map { try $0.int64("value") } ?? 0
    }

    private func bumpPrincipalsGeneration() throws {
        try session.send("""
            INSERT INTO counters (name, value) VALUES ('principals-generation', 1)
            ON CONFLICT (name) DO UPDATE SET value = counters.value + 1
            """)
    }

    private static func principalArguments(_ stored: StoredPrincipal) -> [PostgresArgument] {
        let p = stored.principal
        return [.text(p.id), .text(p.name), .text(p.roles.sorted().map(\.rawValue).joined(separator: ",")), .bytes(p.boxPublicKey),
                .bytes(p.signingPublicKey), .bytes(stored.wrappedBoxSecret.serialized), .bytes(stored.wrappedSigningSecret.serialized),
                .boolean(p.isDisabled), .bytes(stored.certificate)]
    }

    func insertPrincipal(_ stored: StoredPrincipal) throws {
        try bumpPrincipalsGeneration()
        try session.send("""
            INSERT INTO principals (id, name, roles, box_public, signing_public, box_secret_wrapped, signing_secret_wrapped, disabled, certificate,
                                    created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            """, Self.principalArguments(stored) + [Self.millis(Date())])
    }

    func updatePrincipal(_ stored: StoredPrincipal) throws {
        try bumpPrincipalsGeneration()
        let changed = try session.execute("""
            UPDATE principals SET name = $2, roles = $3, box_public = $4, signing_public = $5, box_secret_wrapped = $6,
                                  signing_secret_wrapped = $7, disabled = $8, certificate = $9
            WHERE id = $1
            """, Self.principalArguments(stored))
        guard changed == 1 else { throw CasesError(.noSuchPerson(stored.principal.id)) }
    }

    func deletePrincipal(id: String) throws {
        try bumpPrincipalsGeneration()
        guard try session.execute("DELETE FROM principals WHERE id = $1", [.text(id)]) == 1 else { throw CasesError(.noSuchPerson(id)) }
    }

    func insertEnrolment(_ enrolment: PendingEnrolment) throws {
        try session.send("INSERT INTO enrolments (id, name, ticket, created_at) VALUES ($1, $2, $3, $4)",
                            [.text(enrolment.id), .text(enrolment.name), .bytes(enrolment.ticketBytes), Self.millis(enrolment.createdAt)])
    }

    func enrolment(id: String) throws -> PendingEnrolment? {
        try session.query("SELECT * FROM enrolments WHERE id = $1", [.text(id)]).first.map(Self.enrolment)
    }

    func enrolments() throws -> [PendingEnrolment] {
        try session.query("SELECT * FROM enrolments ORDER BY id").map(Self.enrolment)
    }

    func deleteEnrolment(id: String) throws {
        try session.send("DELETE FROM enrolments WHERE id = $1", [.text(id)])
    }

    private static func enrolment(_ row: PostgresRandomAccessRow) throws -> PendingEnrolment {
        PendingEnrolment(id: try row.string("id"), name: try row.string("name"), ticketBytes: try row.bytes("ticket"),
                         createdAt: date(try row.int64("created_at")))
    }

    func principal(id: String) throws -> StoredPrincipal? {
        try session.query("SELECT * FROM principals WHERE id = $1", [.text(id)]).first.map(Self.principal)
    }

    func certificate(of id: String) throws -> [UInt8]? {
        try session.query("SELECT certificate FROM principals WHERE id = $1", [.text(id)]).first.flatMap { try $0.optionalBytes("certificate") }
    }

    func principals() throws -> [StoredPrincipal] {
        try session.query("SELECT * FROM principals ORDER BY id").map(Self.principal)
    }

    private static func principal(_ row: PostgresRandomAccessRow) throws -> StoredPrincipal {
        let id = try row.string("id")
        do {
            let roles = try row.string("roles").split(separator: ",").compactMap { Role(rawValue: String($0)) }
            let principal = Principal(
                id: id, name: try row.string("name"), roles: Set(roles), boxPublicKey: try row.bytes("box_public"),
                signingPublicKey: try row.bytes("signing_public"), isDisabled: try row.bool("disabled"))
            return StoredPrincipal(
                principal: principal, wrappedBoxSecret: try WrappedSecret(serialized: try row.bytes("box_secret_wrapped")),
                wrappedSigningSecret: try WrappedSecret(serialized: try row.bytes("signing_secret_wrapped")),
                certificate: try row.optionalBytes("certificate"))
        } catch {
            throw CasesError.damaged("the keys of \(id)")
        }
    }

    func eventExists(_ slug: String) throws -> Bool {
        try !session.query("SELECT 1 FROM events WHERE slug = $1", [.text(slug)]).isEmpty
    }

    func insertEvent(_ event: Event) throws {
        try session.send("INSERT INTO events (slug, name, type, city, country, online, starts, ends) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                            [.text(event.slug), .text(event.name), .text(event.kind.rawValue), .text(event.city), .text(event.country),
                             .boolean(event.online), .text(event.starts), .text(event.ends)])
    }

    func events() throws -> [Event] {
        try session.query("SELECT * FROM events ORDER BY starts, slug").map { row in
            let slug = try row.string("slug")
            guard let kind = Event.Kind(rawValue: try row.string("type")) else { throw CasesError.damaged("event \(slug)") }
            return Event(slug: slug, name: try row.string("name"), kind: kind, city: try row.optionalString("city"),
                         country: try row.optionalString("country"), online: try row.bool("online"), starts: try row.string("starts"),
                         ends: try row.string("ends"))
        }
    }
}
