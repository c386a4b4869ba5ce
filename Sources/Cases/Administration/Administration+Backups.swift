import AuditLog
import Foundation

extension Administration {
    /// Records in the log that a backup was made: its BLAKE2b-256, size and how much of the log it
    /// holds, so an auditor can tell every backup that exists, and match a file to its entry.
    func recordBackup(_ report: BackupReport) throws {
        try ledger.transaction { repository in
            try repository.audit(ledger.entry("system", "backup.created", nil, [
                AuditDetail("blake2b-256", report.blake2b ?? ""), AuditDetail("bytes", String(report.bytes)),
                AuditDetail("entries", String(report.auditEntries)), AuditDetail("cases", String(report.cases)),
            ]))
        }
    }

    /// Records in a restored log where it came from. The entry extends the log as the backup
    /// held it, so a checkpoint anyone kept from before the backup still verifies, and one from
    /// after it does not: what was lost is visible.
    func recordRestore(_ report: BackupReport) throws {
        try ledger.transaction { repository in
            try repository.audit(ledger.entry("system", "backup.restored", nil, [
                AuditDetail("blake2b-256", report.blake2b ?? ""), AuditDetail("created", ISO8601DateFormatter().string(from: report.created)),
                AuditDetail("entries", String(report.auditEntries)),
            ]))
        }
    }
}
