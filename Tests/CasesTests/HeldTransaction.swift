@testable import Cases
import CasesTesting
import Foundation
import Synchronization
import Testing

/// A transaction begun on a PostgreSQL connection of its own, holding what its first statement
/// takes (a transaction id, a snapshot), and committed after a time or when `wait()` is called:
/// what another program on the same server does to VACUUM.
final class HeldTransaction: Sendable {
    private let release = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)

    init(_ f: CasesFixture, begin: String, first: String, for seconds: TimeInterval?) throws {
        let server = try #require(TestEngine.server)
        let password = try String(contentsOfFile: server.passwordFile, encoding: .utf8)
        let connections = try PostgresConnections(location: PostgresEngineTests.storage(f).location, password: password, maximum: 1)
        let started = DispatchSemaphore(value: 0)
        let failure = Mutex<String?>(nil)
        Thread.detachNewThread { [release, done] in
            defer { connections.close(); done.signal() }
            do {
                try connections.withSession { session in
                    _ = try session.execute(begin)
                    _ = try session.query(first)
                    started.signal()
                    _ = release.wait(timeout: seconds.map { .now() + $0 } ?? .distantFuture)
                    _ = try session.execute("COMMIT")
                }
            } catch {
                failure.withLock { $0 = "\(error)" }
                started.signal()
            }
        }
        started.wait()
        if let message = failure.withLock({ $0 }) { throw Failure(message: message) }
    }

    /// Ends the transaction now if it still runs, and returns once it has.
    func wait() {
        release.signal()
        done.wait()
        done.signal()
    }

    struct Failure: Error, CustomStringConvertible {
        let message: String
        var description: String { "the held transaction failed: \(message)" }
    }
}
