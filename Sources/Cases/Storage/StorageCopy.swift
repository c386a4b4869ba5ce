import Foundation
import GRDB
import NIOCore
import PostgresNIO

/// Copies every table between the two engines, row by row, in key order and in constant
/// memory: SQLite into PostgreSQL (`storage migrate`) and PostgreSQL into SQLite (a backup's
/// snapshot). Both sides hold the same values; only flags (SQLite's 0 and 1, PostgreSQL's
/// booleans) and the principals' generation (a setting in SQLite, a counter in PostgreSQL)
/// are stored differently.
enum StorageCopy {
    enum Kind { case text, integer, bytes, flag }

    struct Table {
        let name: String
        let columns: [(name: String, kind: Kind)]
        let order: String
        /// A column PostgreSQL numbers itself, whose sequence must continue after the copy.
        var identity: String? = nil
    }

    /// Every table, parents before children (foreign keys).
    static let tables: [Table] = [
        Table(name: "settings", columns: [("key", .text), ("value", .bytes)], order: "key"),
        Table(name: "principals", columns: [("id", .text), ("name", .text), ("roles", .text), ("box_public", .bytes), ("signing_public", .bytes),
                                            ("box_secret_wrapped", .bytes), ("signing_secret_wrapped", .bytes), ("disabled", .flag),
                                            ("created_at", .integer), ("certificate", .bytes)], order: "id"),
        Table(name: "enrolments", columns: [("id", .text), ("name", .text), ("ticket", .bytes), ("created_at", .integer)], order: "id"),
        Table(name: "events", columns: [("slug", .text), ("name", .text), ("type", .text), ("city", .text), ("country", .text), ("online", .flag),
                                        ("starts", .text), ("ends", .text)], order: "slug"),
        Table(name: "cases", columns: [("reference", .text), ("receipt_lookup", .bytes), ("event", .text), ("category", .text),
                                       ("respondent_role", .text), ("region", .text), ("channel", .text), ("language", .text), ("urgent", .flag),
                                       ("stage", .text), ("stage_entered_at", .integer), ("created_at", .integer), ("reporter_gender", .text),
                                       ("policy_hash", .bytes), ("key_epoch", .integer), ("key_stale", .flag), ("held_since", .integer),
                                       ("shredded_at", .integer)], order: "reference"),
        Table(name: "case_seals", columns: [("case_ref", .text), ("recipient", .text), ("sealed", .bytes), ("assigned", .flag), ("tag", .bytes)],
              order: "case_ref, recipient"),
        Table(name: "case_records", columns: [("case_ref", .text), ("seq", .integer), ("kind", .text), ("sealed", .bytes), ("created_at", .integer),
                                              ("key_epoch", .integer)], order: "case_ref, seq"),
        Table(name: "case_transitions", columns: [("case_ref", .text), ("seq", .integer), ("stage", .text), ("entered_at", .integer)],
              order: "case_ref, seq"),
        Table(name: "case_attachments", columns: [("case_ref", .text), ("record_seq", .integer), ("sealed_key", .bytes), ("header", .bytes)],
              order: "case_ref, record_seq"),
        Table(name: "case_attachment_chunks", columns: [("case_ref", .text), ("record_seq", .integer), ("idx", .integer), ("chunk", .bytes)],
              order: "case_ref, record_seq, idx"),
        Table(name: "case_keys", columns: [("case_ref", .text), ("epoch", .integer), ("wrapped_previous", .bytes)], order: "case_ref, epoch"),
        Table(name: "summary_releases", columns: [("id", .integer), ("released_at", .integer), ("period", .text), ("audience", .text),
                                                  ("document", .bytes), ("hash", .bytes), ("withheld_zeros", .bytes)], order: "id", identity: "id"),
        Table(name: "audit_entries", columns: [("seq", .integer), ("entry", .bytes), ("leaf_hash", .bytes), ("case_ref", .text)], order: "seq"),
        Table(name: "audit_nodes", columns: [("id", .integer), ("level", .integer), ("idx", .integer), ("hash", .bytes)], order: "id", identity: "id"),
        Table(name: "audit_checkpoints", columns: [("size", .integer), ("note", .text)], order: "size"),
        Table(name: "audit_cosignatures", columns: [("id", .integer), ("size", .integer), ("witness", .text), ("line", .text)], order: "id",
              identity: "id"),
    ]

    /// SQLite keeps this counter among the settings, as an integer.
    static let generationSetting = "principals-generation"
    static let rowsPerInsert = 200

    // MARK: SQLite into PostgreSQL

    /// Copies `db` into the (empty) tables of `session`'s transaction; returns rows per table.
    @discardableResult
    static func copy(from db: Database, to session: PostgresSession, progress: (String, Int) -> Void = { _, _ in }) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in tables {
            var pending: [[PostgresArgument]] = []
            var count = 0
            func flush() throws {
                guard !pending.isEmpty else { return }
                try insert(pending, into: table, session: session)
                count += pending.count
                pending.removeAll(keepingCapacity: true)
                progress(table.name, count)
            }
            let names = table.columns.map(\.name).joined(separator: ", ")
            let rows = try Row.fetchCursor(db, sql: "SELECT \(names) FROM \(table.name) ORDER BY \(table.order)")
            while let row = try rows.next() {
                if table.name == "settings", row["key"] as String == generationSetting {
                    try session.execute("INSERT INTO counters (name, value) VALUES ($1, $2)", [.text(generationSetting), .integer(row["value"] as Int64)])
                    continue
                }
                pending.append(table.columns.enumerated().map { index, column in argument(row[index], kind: column.kind) })
                if pending.count == rowsPerInsert { try flush() }
            }
            try flush()
            if let identity = table.identity {
                try session.execute("""
                    SELECT setval(pg_get_serial_sequence('\(table.name)', '\(identity)'), COALESCE(MAX(\(identity)), 0) + 1, false) FROM \(table.name)
                    """)
            }
            counts[table.name] = count
        }
        return counts
    }

    private static func argument(_ value: DatabaseValue, kind: Kind) -> PostgresArgument {
        switch (value.storage, kind) {
        case (.null, .text): .text(nil)
        case (.null, .bytes): .bytes(nil)
        case (.null, .flag): .boolean(nil)
        case (.null, .integer): .int64(nil)
        case (.int64(let number), .flag): .boolean(number != 0)
        case (.int64(let number), _): .int64(number)
        case (.string(let text), _): .text(text)
        case (.blob(let data), _): .bytes([UInt8](data))
        case (.double(let number), _): .int64(Int64(number))
        }
    }

    private static func insert(_ rows: [[PostgresArgument]], into table: Table, session: PostgresSession) throws {
        let width = table.columns.count
        let values = rows.indices.map { row in
            "(" + (1...width).map { "$\(row * width + $0)" }.joined(separator: ", ") + ")"
        }.joined(separator: ", ")
        let overriding = table.identity == nil ? "" : " OVERRIDING SYSTEM VALUE"
        try session.execute("INSERT INTO \(table.name) (\(table.columns.map(\.name).joined(separator: ", ")))\(overriding) VALUES \(values)",
                            rows.flatMap { $0 })
    }

    // MARK: PostgreSQL into SQLite

    /// Copies the tables `session`'s transaction sees into `db` (SQLite's schema, empty).
    static func copy(from session: PostgresSession, to db: Database) throws {
        for table in tables {
            let names = table.columns.map(\.name).joined(separator: ", ")
            let statement = try db.makeStatement(
                sql: "INSERT INTO \(table.name) (\(names)) VALUES (\(Array(repeating: "?", count: table.columns.count).joined(separator: ", ")))")
            try session.execute("DECLARE copying NO SCROLL CURSOR FOR SELECT \(names) FROM \(table.name) ORDER BY \(table.order)")
            while true {
                let rows = try session.query("FETCH 500 FROM copying")
                for row in rows {
                    let values = try table.columns.indices.map { index in try value(row[index], kind: table.columns[index].kind) }
                    try statement.execute(arguments: StatementArguments(values))
                }
                if rows.count < 500 { break }
            }
            try session.execute("CLOSE copying")
        }
        for row in try session.query("SELECT name, value FROM counters ORDER BY name") {
            try db.execute(sql: "INSERT INTO settings (key, value) VALUES (?, ?)", arguments: [try row.string("name"), try row.int64("value")])
        }
    }

    private static func value(_ cell: PostgresCell, kind: Kind) throws -> (any DatabaseValueConvertible)? {
        guard cell.bytes != nil else { return nil }
        switch kind {
        case .text: return try cell.decode(String.self)
        case .integer: return try cell.decode(Int64.self)
        case .flag: return try cell.decode(Bool.self) ? 1 : 0
        case .bytes:
            var buffer = try cell.decode(ByteBuffer.self)
            return Data(buffer.readBytes(length: buffer.readableBytes) ?? [])
        }
    }
}
