import AuditLog
import GRDB

/// The case tables. Migrations are frozen once shipped: add a new one, never edit one.
/// Clear columns hold only what routing, deadlines and anonymised statistics need.
package enum CaseSchema {
    package static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        AuditLogSchema.registerMigrations(in: &migrator)
        migrator.registerMigration("cases-v1") { db in
            try db.execute(sql: """
                CREATE TABLE settings (
                    key TEXT PRIMARY KEY NOT NULL,
                    value BLOB NOT NULL
                );
                CREATE TABLE principals (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    roles TEXT NOT NULL,
                    box_public BLOB NOT NULL CHECK (length(box_public) = 32),
                    signing_public BLOB NOT NULL CHECK (length(signing_public) = 32),
                    box_secret_wrapped BLOB NOT NULL,
                    signing_secret_wrapped BLOB NOT NULL,
                    disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
                    created_at INTEGER NOT NULL
                );
                CREATE TABLE events (
                    slug TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    type TEXT NOT NULL,
                    city TEXT,
                    country TEXT,
                    online INTEGER NOT NULL CHECK (online IN (0, 1)),
                    starts TEXT NOT NULL,
                    ends TEXT NOT NULL
                );
                CREATE TABLE cases (
                    reference TEXT PRIMARY KEY NOT NULL,
                    receipt_lookup BLOB NOT NULL UNIQUE CHECK (length(receipt_lookup) = 32),
                    event TEXT REFERENCES events(slug),
                    category TEXT NOT NULL,
                    respondent_role TEXT,
                    region TEXT,
                    channel TEXT NOT NULL,
                    language TEXT,
                    urgent INTEGER NOT NULL CHECK (urgent IN (0, 1)),
                    stage TEXT NOT NULL,
                    stage_entered_at INTEGER NOT NULL,
                    created_at INTEGER NOT NULL,
                    reporter_gender TEXT,
                    policy_hash BLOB NOT NULL
                );
                CREATE INDEX cases_by_stage ON cases(stage, stage_entered_at);
                -- One sealed copy of the case key per recipient: a principal's id, '@recovery' or '@reporter'.
                CREATE TABLE case_seals (
                    case_ref TEXT NOT NULL REFERENCES cases(reference),
                    recipient TEXT NOT NULL,
                    sealed BLOB NOT NULL,
                    assigned INTEGER NOT NULL DEFAULT 0 CHECK (assigned IN (0, 1)),
                    PRIMARY KEY (case_ref, recipient)
                ) WITHOUT ROWID;
                CREATE INDEX case_seals_by_recipient ON case_seals(recipient, case_ref);
                CREATE TABLE case_records (
                    case_ref TEXT NOT NULL REFERENCES cases(reference),
                    seq INTEGER NOT NULL CHECK (seq >= 1),
                    kind TEXT NOT NULL,
                    sealed BLOB NOT NULL,
                    created_at INTEGER NOT NULL,
                    PRIMARY KEY (case_ref, seq)
                ) WITHOUT ROWID;
                CREATE TABLE case_transitions (
                    case_ref TEXT NOT NULL REFERENCES cases(reference),
                    seq INTEGER NOT NULL,
                    stage TEXT NOT NULL,
                    entered_at INTEGER NOT NULL,
                    PRIMARY KEY (case_ref, seq)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("attachments-v1") { db in
            try db.execute(sql: """
                -- An attachment: its own key, sealed under the case key, and its secretstream.
                -- Described by an encrypted record of kind 'attachment' at record_seq.
                CREATE TABLE case_attachments (
                    case_ref TEXT NOT NULL REFERENCES cases(reference),
                    record_seq INTEGER NOT NULL,
                    sealed_key BLOB NOT NULL,
                    header BLOB NOT NULL,
                    PRIMARY KEY (case_ref, record_seq)
                ) WITHOUT ROWID;
                CREATE TABLE case_attachment_chunks (
                    case_ref TEXT NOT NULL,
                    record_seq INTEGER NOT NULL,
                    idx INTEGER NOT NULL,
                    chunk BLOB NOT NULL,
                    PRIMARY KEY (case_ref, record_seq, idx),
                    FOREIGN KEY (case_ref, record_seq) REFERENCES case_attachments(case_ref, record_seq)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("trust-v1") { db in
            // Each person's certificate chain (Certificate): nothing is sealed to a row without one that verifies.
            try db.execute(sql: """
                ALTER TABLE principals ADD COLUMN certificate BLOB;
                -- People added (or brought back by recovery) who have not enrolled yet: the signed
                -- ticket (a Certificate of one link) names the one-time key their code derives.
                CREATE TABLE enrolments (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    ticket BLOB NOT NULL,
                    created_at INTEGER NOT NULL
                );
                -- Re-keying: a case's data key has epochs. Its seals are all of the current one;
                -- each record names the epoch it was sealed under; each earlier key is kept
                -- wrapped under its successor, so holders of the current key read every record
                -- and a holder removed before an epoch reads none of its records.
                ALTER TABLE cases ADD COLUMN key_epoch INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE cases ADD COLUMN key_stale INTEGER NOT NULL DEFAULT 0 CHECK (key_stale IN (0, 1));
                ALTER TABLE case_records ADD COLUMN key_epoch INTEGER NOT NULL DEFAULT 0;
                -- SealTag: a MAC under the case key, so that a seal row nobody holding the key made is not honoured.
                ALTER TABLE case_seals ADD COLUMN tag BLOB;
                CREATE TABLE case_keys (
                    case_ref TEXT NOT NULL REFERENCES cases(reference),
                    epoch INTEGER NOT NULL CHECK (epoch >= 1),
                    wrapped_previous BLOB NOT NULL,
                    PRIMARY KEY (case_ref, epoch)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("summaries-v1") { db in
            try db.execute(sql: """
                -- Summaries select the cases received in a period by this.
                CREATE INDEX cases_by_created ON cases(created_at);
                -- The release ledger: every summary given out, as published (suppressed values
                -- suppressed), so a later summary is checked against all of them together.
                CREATE TABLE summary_releases (
                    id INTEGER PRIMARY KEY,
                    released_at INTEGER NOT NULL,
                    period TEXT NOT NULL,
                    audience TEXT NOT NULL,
                    document BLOB NOT NULL,
                    hash BLOB NOT NULL CHECK (length(hash) = 32),
                    -- Which withheld values were zero, as [[table, row, column], …]: for the audit only.
                    withheld_zeros BLOB NOT NULL
                );
                CREATE TRIGGER summary_releases_no_update BEFORE UPDATE ON summary_releases
                BEGIN SELECT RAISE(ABORT, 'the release ledger is append-only'); END;
                CREATE TRIGGER summary_releases_no_delete BEFORE DELETE ON summary_releases
                BEGIN SELECT RAISE(ABORT, 'the release ledger is append-only'); END;
                """)
        }
        migrator.registerMigration("retention-v1") { db in
            try db.execute(sql: """
                -- A hold keeps a case from retention (its reason is an encrypted record of the case).
                ALTER TABLE cases ADD COLUMN held_since INTEGER;
                -- Retention ended the case: seals, records, keys and attachments deleted, this row kept.
                ALTER TABLE cases ADD COLUMN shredded_at INTEGER;
                """)
        }
        return migrator
    }
}
