import GRDB

/// The audit log's tables. Migrations are frozen once shipped: add a new one, never edit one.
public enum AuditLogSchema {
    public static func registerMigrations(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("audit-log-v1") { db in
            try db.execute(sql: """
                CREATE TABLE audit_entries (
                    seq INTEGER PRIMARY KEY NOT NULL CHECK (seq >= 0),
                    entry BLOB NOT NULL,
                    leaf_hash BLOB NOT NULL CHECK (length(leaf_hash) = 32),
                    case_ref TEXT
                );
                CREATE INDEX audit_entries_by_case ON audit_entries(case_ref) WHERE case_ref IS NOT NULL;

                -- Perfect-subtree hashes (level ≥ 1), inserted in the order appends complete them,
                -- so that proofs need O(log n) lookups and verification can read them in step.
                CREATE TABLE audit_nodes (
                    id INTEGER PRIMARY KEY,
                    level INTEGER NOT NULL CHECK (level >= 1),
                    idx INTEGER NOT NULL CHECK (idx >= 0),
                    hash BLOB NOT NULL CHECK (length(hash) = 32),
                    UNIQUE (level, idx)
                );

                CREATE TABLE audit_checkpoints (
                    size INTEGER PRIMARY KEY NOT NULL CHECK (size >= 0),
                    note TEXT NOT NULL
                );

                CREATE TABLE audit_cosignatures (
                    id INTEGER PRIMARY KEY,
                    size INTEGER NOT NULL REFERENCES audit_checkpoints(size),
                    witness TEXT NOT NULL,
                    line TEXT NOT NULL,
                    UNIQUE (size, witness)
                );
                """)
            for table in ["audit_entries", "audit_nodes", "audit_checkpoints", "audit_cosignatures"] {
                for operation in ["UPDATE", "DELETE"] {
                    try db.execute(sql: """
                        CREATE TRIGGER \(table)_no_\(operation.lowercased()) BEFORE \(operation) ON \(table)
                        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                        """)
                }
            }
        }
    }
}
