import Cases

/// The fixture's tables by raw SQL, on either engine: what a test reads to check what is
/// stored, and how it plays someone who edits the database behind Grievance's back. Each call
/// is one transaction; `transaction` puts several statements in one.
package struct RawSQL {
    let access: any RawTableAccess

    package init(_ access: any RawTableAccess) { self.access = access }

    /// Runs one statement and returns how many rows it changed.
    @discardableResult
    package func execute(_ sql: String, _ arguments: RawValue...) throws -> Int {
        try access.withRawTables(writing: true) { try $0.execute(sql, arguments) }
    }

    package func rows(_ sql: String, _ arguments: RawValue...) throws -> [[String: RawValue]] {
        try access.withRawTables(writing: false) { try $0.rows(sql, arguments) }
    }

    /// The one column of the first row, nil if there is no row.
    package func value(_ sql: String, _ arguments: RawValue...) throws -> RawValue? {
        try access.withRawTables(writing: false) { tables in
            let rows = try tables.rows(sql, arguments)
            guard let first = rows.first else { return nil }
            precondition(first.count == 1, "value(_:) reads one column")
            return first.values.first
        }
    }

    /// The one column of every row, in order.
    package func column(_ sql: String, _ arguments: RawValue...) throws -> [RawValue] {
        try access.withRawTables(writing: false) { tables in
            try tables.rows(sql, arguments).map { row in
                precondition(row.count == 1, "column(_:) reads one column")
                return row.values.first!
            }
        }
    }

    /// Runs `body` in one writing transaction: all of it is kept, or none.
    @discardableResult
    package func transaction<T>(_ body: (any RawTables) throws -> T) throws -> T {
        try access.withRawTables(writing: true, body)
    }
}
