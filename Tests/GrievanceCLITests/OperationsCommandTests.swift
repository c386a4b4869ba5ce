import Cases
import CasesTesting
import Foundation
import Testing

/// `backup`, `retention` and `case hold` as an administrator's timer and a handler run them:
/// backups made by anyone who may read the data directory, opened only with the recovery key;
/// shredding only by an administrator, only when confirmed, never of a held case.
@Suite struct OperationsCommandTests {
    @Test func aBackupNeedsNoPassphraseOpensOnlyWithTheRecoveryKeyAndRestoresAWorkingSystem() throws {
        let marker = "OPS-BACKUP-\(UUID().uuidString.prefix(8))"
        let workspace = try CLIWorkspace.initialised(roster: [("amina", [.handler])])
        defer { try? FileManager.default.removeItem(at: workspace.folder) }
        let filed = try workspace.file(as: "amina", marker: marker)
        let backup = workspace.folder.appendingPathComponent("nightly.backup").path
        // Nobody acting, no passphrase in the environment.
        let made = try workspace.run(["backup", "create", "--out", backup, "--json"])
        #expect(made.status == 0, "\(made.standardError)")
        let report = try #require(try made.json() as? [String: Any])
        #expect(report["cases"] as? Int == 1)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: backup))
        #expect(bytes.range(of: Data(marker.utf8)) == nil)
        #expect(String(decoding: bytes.prefix(19), as: UTF8.self) == "grievance-backup/v1")
        #expect(try workspace.auditText().contains("backup.created"))

        let verified = try workspace.run(["backup", "verify", backup, "--recovery-key", workspace.recoveryKeyFile.path])
        #expect(verified.status == 0, "\(verified.standardError)")
        #expect(verified.standardOutput.contains("cases:            1"))
        let elsewhere = try CLIWorkspace.initialised()
        defer { try? FileManager.default.removeItem(at: elsewhere.folder) }
        let wrongKey = try workspace.run(["backup", "verify", backup, "--recovery-key", elsewhere.recoveryKeyFile.path])
        #expect(wrongKey.status != 0 && wrongKey.standardError.contains("sealed to"))

        let restoredPath = workspace.folder.appendingPathComponent("restored").path
        let restored = try workspace.run(["backup", "restore", backup, "--recovery-key", workspace.recoveryKeyFile.path, "--data-dir", restoredPath])
        #expect(restored.status == 0, "\(restored.standardError)")
        let again = try workspace.run(["backup", "restore", backup, "--recovery-key", workspace.recoveryKeyFile.path, "--data-dir", restoredPath])
        #expect(again.status != 0 && again.standardError.contains("never writes over"))
        // The handler reads the case in the restored directory.
        let shown = try workspace.run(["case", "show", filed.reference, "--data-dir", restoredPath], as: "amina")
        #expect(shown.status == 0, "\(shown.standardError)")
        #expect(shown.standardOutput.contains("\(marker)-description"))

        let pruned = try workspace.run(["backup", "prune", workspace.folder.path, "--dry-run", "--json"])
        #expect(pruned.status == 0, "\(pruned.standardError)")
        let decisions = try #require(try pruned.json() as? [[String: Any]])
        #expect(decisions.count == 1 && (decisions[0]["kept_for"] as? [String])?.isEmpty == false)
    }

    @Test func retentionShredsOnlyWhenAnAdministratorConfirmsAndNeverAHeldCase() throws {
        let marker = "OPS-RETAIN-\(UUID().uuidString.prefix(8))"
        let workspace = try CLIWorkspace.initialised(roster: [("amina", [.handler])])
        defer { try? FileManager.default.removeItem(at: workspace.folder) }
        let old = try workspace.file(as: "amina", marker: marker)
        let kept = try workspace.file(as: "amina", marker: "\(marker)-kept")
        for reference in [old.reference, kept.reference] {
            for stage in ["acknowledged", "assessment", "closed"] {
                let moved = try workspace.run(["case", "advance", reference, "--to", stage, "--reason", "on"], as: "amina")
                #expect(moved.status == 0, "\(moved.standardError)")
            }
        }
        let held = try workspace.run(["case", "hold", kept.reference, "--reason", "\(marker) proceedings"], as: "amina")
        #expect(held.status == 0, "\(held.standardError)")
        // Seven years ago, by raw SQL: every time the case and its records carry.
        let sevenYearsAgo = Int64((Date().timeIntervalSince1970 - 7 * 366 * 86_400) * 1000)
        try workspace.raw().transaction { tables in
            try tables.execute("UPDATE cases SET created_at = ?, stage_entered_at = ?", [.integer(sevenYearsAgo), .integer(sevenYearsAgo)])
            try tables.execute("UPDATE case_records SET created_at = ?", [.integer(sevenYearsAgo)])
        }

        let refused = try workspace.run(["retention", "run", "--yes"], as: "amina")
        #expect(refused.status != 0 && refused.standardError.contains("for administrators"))
        let dry = try workspace.run(["retention", "run", "--dry-run"], as: "rosa")
        #expect(dry.status == 0, "\(dry.standardError)")
        #expect(dry.standardOutput.contains("Would shred (1)") && dry.standardOutput.contains(old.reference))
        #expect(dry.standardOutput.contains("Held, so kept (1)") && dry.standardOutput.contains(kept.reference))
        // No terminal to ask, no --yes: nothing happens.
        let unconfirmed = try workspace.run(["retention", "run"], as: "rosa")
        #expect(unconfirmed.status != 0 && unconfirmed.standardError.contains("--yes"))
        #expect(try workspace.run(["case", "show", old.reference], as: "amina").status == 0)

        let ran = try workspace.run(["retention", "run", "--yes", "--json"], as: "rosa")
        #expect(ran.status == 0, "\(ran.standardError)")
        #expect((try ran.json() as? [String: Any])?["shredded"] as? [String] == [old.reference])
        let gone = try workspace.run(["case", "show", old.reference], as: "amina")
        #expect(gone.status != 0 && gone.standardError.contains("retention schedule"))
        #expect(try workspace.run(["case", "show", kept.reference], as: "amina").standardOutput.contains("\(marker)-kept"))
        #expect(try workspace.run(["case", "release", kept.reference], as: "amina").status == 0)
        let log = try workspace.auditText()
        #expect(log.contains("case.shredded") && log.contains("case.held") && log.contains("case.hold-released"))
        #expect(!log.contains(marker))
    }
}
