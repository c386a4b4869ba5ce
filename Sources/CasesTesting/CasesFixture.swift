import AuditLog
import Cases
import Foundation
import GRDB

/// The one fixture every test target and benchmark starts from: a real data directory, made as
/// `grievance-cli init` makes it, with one person of every role (two handlers), two events, a
/// clock the test moves, and each person's passphrase and unlocked keys. Keys are generated here,
/// at the interactive cost; nothing secret is in the repository.
public struct CasesFixture: Sendable {
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static let policies = repository.appendingPathComponent("policies")
    public static let procedureURL = policies.appendingPathComponent("grievance-procedure.yaml")
    /// The shipped procedure, read as the system reads it.
    public static let shippedProcedure = try! ProcedureLoader.load(contentsOf: procedureURL)

    /// Everyone the fixture adds, the first being the administrator `init` makes.
    public static let roster: [(id: String, roles: Set<Role>)] = [
        ("admin", [.admin]), ("amina", [.handler]), ("bruno", [.handler]), ("sofia", [.safeguardingLead]),
        ("ivan", [.investigator]), ("ana", [.appeals]), ("exec", [.executive]), ("audi", [.auditor]),
    ]

    public static let congress = Event(slug: "congress-2027", name: "World Congress 2027", kind: .congress, city: "Nairobi", country: "KE",
                                       online: false, starts: "2027-05-10", ends: "2027-05-14")
    public static let webinar = Event(slug: "webinar-2027", name: "Organising Webinar", kind: .webinar, city: nil, country: nil, online: true,
                                      starts: "2027-06-01", ends: "2027-06-01")

    /// The temporary folder holding the data directory, removed by `remove()`.
    public let folder: URL
    /// The engine the tables are in, and PostgreSQL's database for this fixture alone.
    public let engine: TestEngine
    public let postgresURL: String?
    public let installation: Installation
    public let intake: IntakeDesk
    public let clock: TestClock
    public let recoveryKey: RecoveryKey
    public let passphrases: [String: String]
    public let people: [String: UnlockedPrincipal]

    /// `procedure` replaces the shipped procedure's text; `roster` and `events` what is added;
    /// `parent` is where the fixture's folder is made (a benchmark wants a real disk, not tmpfs).
    public init(procedure: String? = nil, roster: [(id: String, roles: Set<Role>)] = Self.roster, events: [Event] = [Self.congress, Self.webinar],
                clock: TestClock = TestClock(), in parent: URL = FileManager.default.temporaryDirectory,
                engine: TestEngine = .fromEnvironment) throws {
        folder = parent.appendingPathComponent("grievance-fixture-\(UUID().uuidString)")
        self.engine = engine
        let database = engine == .postgres ? try TestEngine.newPostgresDatabase() : nil
        postgresURL = database?.url
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        self.clock = clock
        let (adminID, _) = roster[0]
        var passphrases = [adminID: Self.newPassphrase(for: adminID)]
        let made = try DataDirectory.create(
            at: folder.appendingPathComponent("data").path, organisation: "Test Workers Network", adminID: adminID, adminName: adminID.capitalized,
            passphrase: Passphrase(utf8: passphrases[adminID]!), procedureText: procedure.map { Data($0.utf8) } ?? Data(contentsOf: Self.procedureURL),
            procedureFile: "grievance-procedure.yaml", keyCost: "interactive", database: database?.url,
            clock: { clock.now })
        installation = made.installation
        intake = try made.installation.intakeDesk()
        recoveryKey = made.recoveryKey
        var people = [adminID: made.admin]
        for (id, roles) in roster.dropFirst() {
            passphrases[id] = Self.newPassphrase(for: id)
            // As people are added for real: the administrator gets a code, the person enrols.
            let code = try installation.administration.addPrincipal(id: id, name: id.capitalized, roles: roles, by: made.admin)
            people[id] = try installation.administration.enrol(id: id, code: code, passphrase: Passphrase(utf8: passphrases[id]!))
        }
        for event in events { try installation.administration.addEvent(event, by: made.admin) }
        self.passphrases = passphrases
        self.people = people
    }

    /// A passphrase made afresh for each run.
    public static func newPassphrase(for id: String) -> String { "passphrase of \(id) \(UUID().uuidString.prefix(8))" }

    public subscript(id: String) -> UnlockedPrincipal { people[id]! }

    public var casework: Casework { installation.casework }
    public var administration: Administration { installation.administration }
    public var procedure: Procedure { installation.procedure }
    public var dataDirectory: URL { installation.directory.url }

    /// The SQLite database itself, for benchmarks that fill it in bulk; tests read and edit the
    /// tables through `raw`, which works on either engine.
    public var database: DatabasePool {
        guard let sqlite = installation.storage as? SQLiteCaseStorage else { preconditionFailure("a SQLite pool asked of a fixture on \(engine)") }
        return sqlite.database
    }

    /// The tables by raw SQL on the fixture's engine: for tests that check what is stored, or
    /// tamper with it as someone with the database's password would.
    package var raw: RawSQL { RawSQL(installation.storage as! any RawTableAccess) }

    /// The files that hold the tables, with their bytes: `grievance.sqlite` and its WAL, or, on
    /// PostgreSQL, after a CHECKPOINT, the database's files under the cluster's base/ (the
    /// write-ahead log is the cluster's, apart: `PostgresFiles.writeAheadLog()`).
    package func databaseFiles() throws -> [(name: String, bytes: Data)] {
        switch engine {
        case .sqlite:
            return try ["grievance.sqlite", "grievance.sqlite-wal", "grievance.sqlite-shm"].compactMap { name in
                let url = dataDirectory.appendingPathComponent(name)
                return FileManager.default.fileExists(atPath: url.path) ? (name, try Data(contentsOf: url)) : nil
            }
        case .postgres:
            try PostgresFiles.checkpoint()
            guard let oid = try raw.value("SELECT oid::bigint AS oid FROM pg_database WHERE datname = current_database()")?.integer else {
                throw PostgresFiles.Unavailable()
            }
            return try PostgresFiles.databaseFiles(oid: oid)
        }
    }

    /// A report whose every text carries `marker`, to be looked for where it must never be.
    public static func intake(_ category: String = "harassment", marker: String = "", exclude: [String] = [], event: String? = nil) -> Intake {
        Intake(category: category, event: event, region: .africa, language: "en", excludeHandlers: exclude,
               content: ComplaintContent(description: "What happened \(marker)-description", respondent: "\(marker)-respondent",
                                         reporterName: "\(marker)-name", reporterContact: "\(marker)-contact@example.org",
                                         contactConsent: ["email": true]))
    }

    /// The audit log's entries from `first` on.
    public func auditEntries(since first: UInt64 = 0) throws -> [AuditEntry] {
        try installation.storage.read { repository in
            let size = try repository.auditSize()
            return try (min(first, size)..<size).compactMap { try repository.auditEntry(at: $0) }
        }
    }

    public func auditSize() throws -> UInt64 { try installation.storage.read { try $0.auditSize() } }

    /// How many refusals the log holds.
    public func denials() throws -> Int { try auditEntries().filter { $0.action == "access.denied" }.count }

    /// Every file of the data directory and beside it, with its bytes: database, WAL, pepper,
    /// configuration, and anything a test wrote there.
    public func filesOnDisk() throws -> [(name: String, bytes: Data)] {
        try FileManager.default.subpathsOfDirectory(atPath: folder.path).compactMap { name in
            var isFolder: ObjCBool = false
            let path = folder.appendingPathComponent(name).path
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else { return nil }
            return (name, try Data(contentsOf: URL(fileURLWithPath: path)))
        }
    }

    /// The names of the files on disk that hold `marker`, as text or as bytes.
    public func filesHolding(_ marker: String) throws -> [String] {
        try filesOnDisk().filter { $0.bytes.range(of: Data(marker.utf8)) != nil }.map(\.name)
    }

    public func remove() {
        try? installation.storage.close()
        if let postgresURL { TestEngine.dropPostgresDatabase(postgresURL) }
        try? FileManager.default.removeItem(at: folder)
    }
}
