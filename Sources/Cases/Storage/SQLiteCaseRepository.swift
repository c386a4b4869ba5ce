import AuditLog
import Foundation
import GRDB
import GrievanceCrypto

/// `CaseRepository` over one GRDB database access.
struct SQLiteCaseRepository: CaseRepository {
    let db: Database
    let audit: AuditLogStore

    static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }
    static func date(_ millis: Int64) -> Date { Date(timeIntervalSince1970: Double(millis) / 1000) }

    func savepoint<T>(_ body: () throws -> T) throws -> T {
        var result: T?
        try db.inSavepoint {
            result = try body()
            return .commit
        }
        return result!
    }

    func setting(_ key: String) throws -> [UInt8]? {
        try Data.fetchOne(db, sql: "SELECT value FROM settings WHERE key = ?", arguments: [key]).map { [UInt8]($0) }
    }

    func setSetting(_ key: String, _ value: [UInt8]) throws {
        try db.execute(sql: "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                       arguments: [key, Data(value)])
    }

    func deleteSetting(_ key: String) throws {
        try db.execute(sql: "DELETE FROM settings WHERE key = ?", arguments: [key])
    }

    func principalsGeneration() throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT value FROM settings WHERE key = 'principals-generation'")) ?? 0
    }

    private func bumpPrincipalsGeneration() throws {
        try db.execute(sql: """
            INSERT INTO settings (key, value) VALUES ('principals-generation', 1)
            ON CONFLICT (key) DO UPDATE SET value = value + 1
            """)
    }

    func insertPrincipal(_ stored: StoredPrincipal) throws {
        try bumpPrincipalsGeneration()
        let p = stored.principal
        try db.execute(sql: """
            INSERT INTO principals (id, name, roles, box_public, signing_public, box_secret_wrapped, signing_secret_wrapped, disabled, created_at,
                                    certificate)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [p.id, p.name, p.roles.sorted().map(\.rawValue).joined(separator: ","), Data(p.boxPublicKey), Data(p.signingPublicKey),
                             Data(stored.wrappedBoxSecret.serialized), Data(stored.wrappedSigningSecret.serialized), p.isDisabled, Self.millis(Date()),
                             stored.certificate.map { Data($0) }])
    }

    func updatePrincipal(_ stored: StoredPrincipal) throws {
        try bumpPrincipalsGeneration()
        let p = stored.principal
        try db.execute(sql: """
            UPDATE principals SET name = ?, roles = ?, box_public = ?, signing_public = ?, box_secret_wrapped = ?,
                                  signing_secret_wrapped = ?, disabled = ?, certificate = ?
            WHERE id = ?
            """, arguments: [p.name, p.roles.sorted().map(\.rawValue).joined(separator: ","), Data(p.boxPublicKey), Data(p.signingPublicKey),
                             Data(stored.wrappedBoxSecret.serialized), Data(stored.wrappedSigningSecret.serialized), p.isDisabled,
                             stored.certificate.map { Data($0) }, p.id])
        guard db.changesCount == 1 else { throw CasesError(.noSuchPerson(p.id)) }
    }

    func deletePrincipal(id: String) throws {
        try bumpPrincipalsGeneration()
        try db.execute(sql: "DELETE FROM principals WHERE id = ?", arguments: [id])
        guard db.changesCount == 1 else { throw CasesError(.noSuchPerson(id)) }
    }

    func insertEnrolment(_ enrolment: PendingEnrolment) throws {
        try db.execute(sql: "INSERT INTO enrolments (id, name, ticket, created_at) VALUES (?, ?, ?, ?)",
                       arguments: [enrolment.id, enrolment.name, Data(enrolment.ticketBytes), Self.millis(enrolment.createdAt)])
    }

    func enrolment(id: String) throws -> PendingEnrolment? {
        try Row.fetchOne(db, sql: "SELECT * FROM enrolments WHERE id = ?", arguments: [id]).map(Self.enrolment)
    }

    func enrolments() throws -> [PendingEnrolment] {
        try Row.fetchAll(db, sql: "SELECT * FROM enrolments ORDER BY id").map(Self.enrolment)
    }

    func deleteEnrolment(id: String) throws {
        try db.execute(sql: "DELETE FROM enrolments WHERE id = ?", arguments: [id])
    }

    private static func enrolment(_ row: Row) -> PendingEnrolment {
        PendingEnrolment(id: row["id"], name: row["name"], ticketBytes: [UInt8](row["ticket"] as Data),
                         createdAt: Date(timeIntervalSince1970: Double(row["created_at"] as Int64) / 1000))
    }

    func principal(id: String) throws -> StoredPrincipal? {
        try Row.fetchOne(db, sql: "SELECT * FROM principals WHERE id = ?", arguments: [id]).map(Self.principal)
    }

    func certificate(of id: String) throws -> [UInt8]? {
        try Data.fetchOne(db.cachedStatement(sql: "SELECT certificate FROM principals WHERE id = ?"), arguments: [id]).map { [UInt8]($0) }
    }

    func principals() throws -> [StoredPrincipal] {
        try Row.fetchAll(db, sql: "SELECT * FROM principals ORDER BY id").map(Self.principal)
    }

    private static func principal(_ row: Row) throws -> StoredPrincipal {
        let roles = (row["roles"] as String).split(separator: ",").compactMap { Role(rawValue: String($0)) }
        let principal = Principal(
            id: row["id"], name: row["name"], roles: Set(roles), boxPublicKey: [UInt8](row["box_public"] as Data),
            signingPublicKey: [UInt8](row["signing_public"] as Data), isDisabled: row["disabled"])
        do {
            return StoredPrincipal(
                principal: principal, wrappedBoxSecret: try WrappedSecret(serialized: [UInt8](row["box_secret_wrapped"] as Data)),
                wrappedSigningSecret: try WrappedSecret(serialized: [UInt8](row["signing_secret_wrapped"] as Data)),
                certificate: (row["certificate"] as Data?).map { [UInt8]($0) })
        } catch {
            throw CasesError.damaged("the keys of \(principal.id)")
        }
    }

    func eventExists(_ slug: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM events WHERE slug = ?)", arguments: [slug]) ?? false
    }

    func insertEvent(_ event: Event) throws {
        try db.execute(sql: "INSERT INTO events (slug, name, type, city, country, online, starts, ends) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       arguments: [event.slug, event.name, event.kind.rawValue, event.city, event.country, event.online, event.starts, event.ends])
    }

    func events() throws -> [Event] {
        try Row.fetchAll(db, sql: "SELECT * FROM events ORDER BY starts, slug").map { row in
            guard let kind = Event.Kind(rawValue: row["type"]) else { throw CasesError.damaged("event \(row["slug"] as String)") }
            return Event(slug: row["slug"], name: row["name"], kind: kind, city: row["city"], country: row["country"],
                         online: row["online"], starts: row["starts"], ends: row["ends"])
        }
    }
}
