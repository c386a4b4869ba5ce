import AuditLog
import Cases
import Foundation
import GRDB
import GrievanceCrypto

/// A data directory with one principal of each role, unlocked, and a service over real SQLite.
struct CaseFixture {
    let directory: URL
    let storage: SQLiteCaseStorage
    let service: CaseService
    let clock = TestClock()
    let recovery = BoxKeyPair.generate()
    let passphrases: [String: String]
    let people: [String: UnlockedPrincipal]

    static let roster: [(id: String, roles: Set<Role>)] = [
        ("admin", [.admin]), ("amina", [.handler]), ("bruno", [.handler]), ("sofia", [.safeguardingLead]),
        ("ivan", [.investigator]), ("ana", [.appeals]), ("exec", [.executive]), ("audi", [.auditor]),
    ]

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cases-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        storage = try SQLiteCaseStorage(path: directory.appendingPathComponent("grievance.sqlite").path, auditOrigin: "test.example.org/audit")
        let clock = self.clock
        service = CaseService(storage: storage, procedure: PolicyFixtures.defaultProcedure, pepper: .random(count: 32),
                              recoveryPublicKey: recovery.publicKey, keyParameters: .interactive, clock: { clock.now })
        var passphrases: [String: String] = [:]
        var people: [String: UnlockedPrincipal] = [:]
        for (id, roles) in Self.roster {
            let passphrase = "passphrase of \(id) \(Hex.encode(RandomBytes.make(count: 8)))"
            try service.addPrincipal(id: id, name: id.capitalized, roles: roles, passphrase: SecureBytes(utf8: passphrase), by: people["admin"])
            passphrases[id] = passphrase
            people[id] = try service.unlock(id: id, passphrase: SecureBytes(utf8: passphrase))
        }
        self.passphrases = passphrases
        self.people = people
    }

    subscript(id: String) -> UnlockedPrincipal { people[id]! }

    static func intake(_ category: String = "harassment", marker: String = "", exclude: [String] = []) -> Intake {
        Intake(category: category, region: .africa, language: "en", excludeHandlers: exclude,
               content: ComplaintContent(description: "What happened \(marker)-description", respondent: "\(marker)-respondent",
                                         reporterName: "\(marker)-name", reporterContact: "\(marker)-contact@example.org",
                                         contactConsent: ["email": true]))
    }

    func auditEntries(since first: UInt64 = 0) throws -> [AuditEntry] {
        try storage.database.read { db in
            let size = try storage.auditLog.size(in: db)
            return try (min(first, size)..<size).compactMap { try storage.auditLog.entry(at: $0, in: db) }
        }
    }

    func auditSize() throws -> UInt64 { try storage.database.read { db in try storage.auditLog.size(in: db) } }

    func denials() throws -> Int { try auditEntries().filter { $0.action == "access.denied" }.count }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}
