import Cases
import CasesTesting
import Foundation
import Hummingbird
import Logging
import NIOConcurrencyHelpers

@testable import grievance_server

/// The one fixture's data directory (people of every role, two events), and the server's
/// application over its intake desk, driven in process. Every log line the application writes
/// is kept, so tests can prove what never appears in logs.
struct ServerFixture {
    let cases: CasesFixture
    let intake: IntakeService
    let logs = LogCapture()
    var configuration = ServerConfiguration()

    init(filingBurst: Int = 50, followUpBurst: Int = 50) throws {
        cases = try CasesFixture()
        intake = IntakeService(desk: cases.intake, threads: 8)
        configuration.port = 0
        configuration.policies = CasesFixture.policies
        configuration.filingBurst = filingBurst
        configuration.followUpBurst = followUpBurst
        // No token comes back during a test, however slow a loaded machine makes it: a test's
        // limit is its burst, and the request after it is always the one refused.
        configuration.filingInterval = 86_400
        configuration.followUpInterval = 86_400
    }

    var casework: Casework { cases.casework }

    func app() throws -> some ApplicationProtocol {
        var logger = Logger(label: "grievance-server-test") { _ in logs }
        logger.logLevel = .trace
        return try GrievanceApplication.build(configuration, intake: intake, logger: logger)
    }

    func unlock(_ id: String) -> UnlockedPrincipal { cases[id] }

    /// Every byte of the data directory: database, WAL, pepper, configuration.
    func filesOnDisk() throws -> [(name: String, bytes: Data)] { try cases.filesOnDisk() }

    func remove() async {
        try? await intake.shutdown()
        cases.remove()
    }
}
