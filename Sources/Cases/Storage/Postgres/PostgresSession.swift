import Foundation
import Logging
import NIOCore
import PostgresNIO

/// One PostgreSQL connection used from one thread at a time, blocking: Cases' storage interface
/// is synchronous (a transaction is a closure that reads and writes as it decides), and it runs
/// on threads that may block — the server's pool for Cases, a command's main thread — never on
/// an event loop. Each statement waits on postgres-nio's future for its result.
final class PostgresSession: @unchecked Sendable {
    let connection: PostgresConnection
    /// Set once a statement failed in a way that leaves the connection unfit to reuse.
    private(set) var isBroken = false
    private var savepoints = 0
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

    private func run(_ sql: String, _ arguments: [PostgresArgument]) throws -> PostgresQueryResult {
        var bindings = PostgresBindings(capacity: arguments.count)
        for argument in arguments { try argument.bind(into: &bindings) }
        do {
            return try connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: Self.logger).wait()
        } catch let error as PSQLError where error.code != .server {
            isBroken = true
            throw error
        }
    }

    /// Runs a script of several statements without parameters (a migration), one at a time:
    /// the extended protocol takes one statement per query. Comment lines are dropped and
    /// semicolons inside `$$` bodies do not split.
    func executeScript(_ script: String) throws {
        let text = script.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("--") }.joined(separator: "\n")
        var statement = ""
        var insideBody = false
        var previous: Character = " "
        for character in text {
            if character == "$", previous == "$" { insideBody.toggle() }
            previous = character
            if character == ";", !insideBody {
                try execute(statement)
                statement = ""
            } else {
                statement.append(character)
            }
        }
        if !statement.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { try execute(statement) }
    }

    /// Runs `body` inside a savepoint: if it throws, its changes alone are undone.
    func savepoint<T>(_ body: () throws -> T) throws -> T {
        savepoints += 1
        let name = "s\(savepoints)"
        defer { savepoints -= 1 }
        try execute("SAVEPOINT \(name)")
        do {
            let result = try body()
            try execute("RELEASE SAVEPOINT \(name)")
            return result
        } catch {
            try execute("ROLLBACK TO SAVEPOINT \(name)")
            try execute("RELEASE SAVEPOINT \(name)")
            throw error
        }
    }

    func close() {
        guard !connection.isClosed else { return }
        try? connection.close().wait()
    }

    /// A storage dropped without `close()` (a process ending, a test's second view) still ends
    /// its connections: postgres-nio insists that every connection is closed before it goes.
    deinit {
        close()
    }
}
