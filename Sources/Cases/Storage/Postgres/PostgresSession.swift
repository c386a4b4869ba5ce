import Foundation
import Logging
import NIOCore
import PostgresNIO

/// One PostgreSQL connection used from one thread at a time, blocking: Cases' storage interface
/// is synchronous (a transaction is a closure that reads and writes as it decides), and it runs
/// on threads that may block — the server's pool for Cases, a command's main thread — never on
/// an event loop. A statement whose result is read waits on postgres-nio's future for it; one
/// whose result nobody reads (an insert) is only sent, so that a filing's dozen inserts cost the
/// waiting thread one wake-up, not a dozen: postgres-nio queues them on the connection, and the
/// next statement that waits — a read, a savepoint's end, the commit — first collects them all,
/// throwing the first failure among them.
final class PostgresSession: @unchecked Sendable {
    let connection: PostgresConnection
    /// Set once a statement failed in a way that leaves the connection unfit to reuse.
    private(set) var isBroken = false
    private var savepoints = 0
    /// Statements sent and not yet collected.
    private var inFlight: [EventLoopFuture<PostgresQueryResult>] = []
    private static let logger = Logger(label: "grievance.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Runs one statement with `$1…` parameters and returns every row.
    @discardableResult
    func query(_ sql: String, _ arguments: [PostgresArgument] = []) throws -> [PostgresRandomAccessRow] {
        try run(sql, arguments).rows.map { $0.makeRandomAccess() }
    }

    /// Runs one statement and returns how many rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: [PostgresArgument] = []) throws -> Int {
        try run(sql, arguments).metadata.rows ?? 0
    }

    /// Sends a statement whose result is not read, without waiting for it. Its failure is thrown
    /// by the next statement that waits (PostgreSQL refuses everything after it in the
    /// transaction anyway).
    func send(_ sql: String, _ arguments: [PostgresArgument] = []) throws {
        inFlight.append(connection.query(try Self.query(sql, arguments), logger: Self.logger))
    }

    private func run(_ sql: String, _ arguments: [PostgresArgument]) throws -> PostgresQueryResult {
        let query = try Self.query(sql, arguments)
        try collect()
        return try waiting { try connection.query(query, logger: Self.logger).wait() }
    }

    private static func query(_ sql: String, _ arguments: [PostgresArgument]) throws -> PostgresQuery {
        var bindings = PostgresBindings(capacity: arguments.count)
        for argument in arguments { try argument.bind(into: &bindings) }
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }

    /// Waits for every statement sent; throws the first failure among them.
    private func collect() throws {
        guard !inFlight.isEmpty else { return }
        let sent = inFlight
        inFlight.removeAll(keepingCapacity: true)
        var failure: (any Error)?
        for future in sent {
            do {
                _ = try waiting { try future.wait() }
            } catch {
                failure = failure ?? error
            }
        }
        if let failure { throw failure }
    }

    private func waiting<T>(_ work: () throws -> T) throws -> T {
        do {
            return try work()
        } catch let error as PSQLError where error.code != .server {
            isBroken = true
            throw error
        }
    }

    /// Ends the transaction undone, whatever was sent before (its failures are why).
    func rollback() {
        try? collect()
        _ = try? waiting { try connection.query("ROLLBACK", logger: Self.logger).wait() }
    }

    /// Runs a script of several statements without parameters (a migration), one at a time:
    /// the extended protocol takes one statement per query.
    func executeScript(_ script: String) throws {
        for statement in Self.statements(of: script) { try execute(statement) }
    }

    /// The statements of a script: comment lines dropped, split at semicolons outside `$$` bodies.
    static func statements(of script: String) -> [String] {
        let text = script.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("--") }.joined(separator: "\n")
        var statements: [String] = []
        var statement = ""
        var insideBody = false
        var previous: Character = " "
        for character in text {
            if character == "$", previous == "$" { insideBody.toggle() }
            previous = character
            if character == ";", !insideBody {
                statements.append(statement)
                statement = ""
            } else {
                statement.append(character)
            }
        }
        statements.append(statement)
        return statements.filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    }

    /// Runs `body` inside a savepoint: if it throws, its changes alone are undone.
    func savepoint<T>(_ body: () throws -> T) throws -> T {
        savepoints += 1
        let name = "s\(savepoints)"
        defer { savepoints -= 1 }
        try send("SAVEPOINT \(name)")
        do {
            let result = try body()
            // Everything the body sent is collected here, so that its failures undo it alone.
            try collect()
            try send("RELEASE SAVEPOINT \(name)")
            return result
        } catch {
            try? collect()
            try execute("ROLLBACK TO SAVEPOINT \(name)")
            try execute("RELEASE SAVEPOINT \(name)")
            throw error
        }
    }

    func close() {
        try? collect()
        guard !connection.isClosed else { return }
        try? connection.close().wait()
    }

    /// A storage dropped without `close()` (a process ending, a test's second view) still ends
    /// its connections: postgres-nio insists that every connection is closed before it goes.
    deinit {
        close()
    }
}
