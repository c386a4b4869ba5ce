import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import Synchronization

/// The open connections of one process to the database, reused from transaction to
/// transaction. postgres-nio's own pool (`PostgresClient`) is for async code and needs a task
/// running it; Cases' storage interface is synchronous, so this keeps what it needs: idle
/// connections, a bound on how many are open, and a connection that failed never reused.
final class PostgresConnections: Sendable {
    private let configuration: PostgresConnection.Configuration
    private let location: String
    private let idle = Mutex<[PostgresSession]>([])
    private let slots: DispatchSemaphore
    private let nextID = Atomic<Int>(0)

    init(location: PostgresLocation, password: String?, maximum: Int) throws {
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: password, database: location.database,
            tls: try Self.tls(location))
        configuration.options.connectTimeout = .seconds(5)
        self.configuration = configuration
        self.location = location.description
        slots = DispatchSemaphore(value: maximum)
    }

    private static func tls(_ location: PostgresLocation) throws -> PostgresConnection.Configuration.TLS {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch location.tls {
        case .disable:
            return .disable
        case .require:
            configuration.certificateVerification = .none
        case .verifyFull:
            configuration.certificateVerification = .fullVerification
            if let root = location.rootCertificate { configuration.trustRoots = .file(root) }
        }
        do {
            return .require(try NIOSSLContext(configuration: configuration))
        } catch {
            throw CasesError.invalid(.database, .malformed("its TLS settings cannot be used (\(location.rootCertificate ?? "the system's CAs")): \(error)"))
        }
    }

    /// Runs `body` with a connection of its own, waiting for one if `maximum` are in use.
    func withSession<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        slots.wait()
        defer { slots.signal() }
        let session = try reusable() ?? open()
        do {
            let result = try body(session)
            give(back: session)
            return result
        } catch {
            give(back: session)
            throw error
        }
    }

    /// An idle connection still open: one the server ended meanwhile (a restart, a failover) is
    /// dropped here rather than failing the next transaction.
    private func reusable() -> PostgresSession? {
        while let session = idle.withLock({ $0.popLast() }) {
            if !session.connection.isClosed { return session }
            session.close()
        }
        return nil
    }

    private func give(back session: PostgresSession) {
        if session.isBroken || session.connection.isClosed {
            session.close()
        } else {
            idle.withLock { $0.append(session) }
        }
    }

    private func open() throws -> PostgresSession {
        let id = nextID.wrappingAdd(1, ordering: .relaxed).newValue
        do {
            let connection = try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: id,
                logger: Logger(label: "grievance.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
            ).wait()
            return PostgresSession(connection: connection)
        } catch let error as PSQLError where error.code == .server {
            // Refused by the server (a wrong password, no such database): the configuration's fault.
            throw PostgresRefusal(error, location: location) ?? error
        } catch {
            throw CasesError(.unavailable(.databaseUnreachable(location)))
        }
    }

    /// Closes every idle connection (those in use close as they come back).
    func close() {
        for session in idle.withLock({ idle in defer { idle.removeAll() }; return idle }) { session.close() }
    }
}
