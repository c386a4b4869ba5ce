import Cases
import Foundation
import GrievanceCrypto
import Hummingbird
import Logging
import NIOConcurrencyHelpers

@testable import grievance_server

/// A data directory with a handler, a safeguarding lead and an event, and the server's
/// application over it, driven in process. Every log line the application writes is kept, so
/// tests can prove what never appears in logs.
struct ServerFixture {
    static let policies = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("policies")

    let folder: URL
    let made: NewInstallation
    let intake: IntakeService
    let logs = LogCapture()
    var configuration = ServerConfiguration()

    var service: CaseService { made.installation.service }

    init(filingBurst: Int = 50, followUpBurst: Int = 50) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("server-\(UUID().uuidString)")
        made = try DataDirectory.create(
            at: folder.path, organisation: "Test Network", adminID: "rosa", adminName: "Rosa", passphrase: SecureBytes(utf8: "rosa passphrase 1"),
            procedureText: try Data(contentsOf: Self.policies.appendingPathComponent("grievance-procedure.yaml")),
            procedureFile: "grievance-procedure.yaml", keyCost: "interactive")
        let service = made.installation.service
        try service.addPrincipal(id: "amina", name: "Amina Njeri", roles: [.handler], passphrase: SecureBytes(utf8: "amina passphrase 1"), by: made.admin)
        try service.addPrincipal(id: "sofia", name: "Sofia L", roles: [.safeguardingLead], passphrase: SecureBytes(utf8: "sofia passphrase 1"),
                                 by: made.admin)
        try service.addEvent(Event(slug: "congress-2027", name: "World Congress", kind: .congress, city: "Nairobi", country: "KE", online: false,
                                   starts: "2027-05-10", ends: "2027-05-14"), by: made.admin)
        intake = IntakeService(installation: made.installation, threads: 8)
        configuration.port = 0
        configuration.policies = Self.policies
        configuration.filingBurst = filingBurst
        configuration.followUpBurst = followUpBurst
    }

    func app() throws -> some ApplicationProtocol {
        var logger = Logger(label: "grievance-server-test") { _ in logs }
        logger.logLevel = .trace
        return try GrievanceApplication.build(configuration, intake: intake, logger: logger)
    }

    func unlock(_ id: String) throws -> UnlockedPrincipal {
        try service.unlock(id: id, passphrase: SecureBytes(utf8: "\(id) passphrase 1"))
    }

    /// Every byte of the data directory: database, WAL, pepper, configuration.
    func filesOnDisk() throws -> [(String, Data)] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).map { ($0, try Data(contentsOf: folder.appendingPathComponent($0))) }
    }

    func remove() async {
        try? await intake.shutdown()
        try? FileManager.default.removeItem(at: folder)
    }
}

/// A log handler that keeps every line, message and metadata, in memory.
final class LogCapture: LogHandler, @unchecked Sendable {
    private let lines = NIOLockedValueBox<[String]>([])
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        lines.withLockedValue { $0.append("\(event.level) \(event.message) \(merged)") }
    }

    var all: String { lines.withLockedValue { $0.joined(separator: "\n") } }
}
