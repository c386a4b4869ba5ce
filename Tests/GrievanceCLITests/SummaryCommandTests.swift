import Cases
import CasesTesting
import Foundation
import Testing

/// `summary` as the Executive Committee runs it: every format, from clear metadata only, by a
/// person who holds no case key; nothing of a complaint's words, no reference and no day in
/// any of them; refused to anyone else, and each release on the ledger and in the log.
@Suite struct SummaryCommandTests {
    /// Reports filed now, then moved back into August 2026 by raw SQL, so that a quarter that
    /// has ended holds them (summaries cover only periods that are over).
    private func workspaceWithFiledCases(_ marker: String, count: Int) throws -> (CLIWorkspace, [String]) {
        var workspace = try CLIWorkspace.initialised(roster: [("amina", [.handler])])
        try workspace.add("olga", roles: ["executive"])
        var references: [String] = []
        for index in 0..<count { references.append(try workspace.file(as: "amina", marker: "\(marker)-\(index)").reference) }
        let august = Int64(ISO8601DateFormatter().date(from: "2026-08-14T09:00:00Z")!.timeIntervalSince1970 * 1000)
        try workspace.raw().transaction { tables in
            try tables.execute("UPDATE cases SET created_at = ?, stage_entered_at = ?", [.integer(august), .integer(august)])
            try tables.execute("UPDATE case_transitions SET entered_at = ?", [.integer(august)])
        }
        let signed = try workspace.run(["audit", "checkpoint"], as: "rosa")
        #expect(signed.status == 0, "\(signed.standardError)")
        return (workspace, references)
    }

    @Test func theExecutiveProducesEveryFormatWithoutACaseKeyAndNothingOfAComplaintAppears() throws {
        let marker = "SUMMARY-MARKER-\(UUID().uuidString.prefix(8))"
        let (workspace, references) = try workspaceWithFiledCases(marker, count: 7)
        defer { try? FileManager.default.removeItem(at: workspace.folder) }
        // Olga holds no case key at all.
        #expect(try workspace.run(["case", "list"], as: "olga").standardOutput.contains("No cases."))
        var outputs: [String: String] = [:]
        for format in ["markdown", "csv", "json", "html"] {
            for language in format == "csv" || format == "json" ? ["en"] : ["en", "ru", "es", "fr", "ar", "ur", "hi", "th"] {
                let result = try workspace.run(["summary", "--period", "2026-Q3", "--format", format, "--language", language], as: "olga")
                #expect(result.status == 0, "\(format) \(language): \(result.standardError)")
                outputs["\(format)-\(language)"] = result.standardOutput
            }
        }
        let day = try Regex("[0-9]{4}-[0-9]{2}-[0-9]{2}")
        for (name, text) in outputs {
            #expect(!text.isEmpty, "\(name)")
            #expect(!text.contains(marker), "\(name) holds a complaint's words")
            for reference in references { #expect(!text.contains(reference), "\(name) names a case") }
            #expect(!text.contains("GRV-"), "\(name) holds a reference")
            #expect(text.firstMatch(of: day) == nil, "\(name) holds a date finer than a month")
        }
        let document = try #require(try JSONSerialization.jsonObject(with: Data(outputs["json-en"]!.utf8)) as? [String: Any])
        #expect(document["period"] as? String == "2026-Q3")
        #expect(document["audience"] as? String == "executive")
        #expect(document["threshold"] as? Int == 5)
        let checkpoint = try #require(document["checkpoint"] as? String)
        #expect(checkpoint.hasPrefix("grievance/"), "a C2SP checkpoint of this log")
        let tables = try #require(document["tables"] as? [[String: Any]])
        let byRegion = try #require(tables.first { $0["name"] as? String == "received_by_category_region" })
        for key in ["name", "rows", "columns", "cells", "row_totals", "column_totals", "total"] { #expect(byRegion[key] != nil, "\(key)") }
        #expect(byRegion["total"] as? Int == 7)
        let rows = try #require(byRegion["rows"] as? [String]), columns = try #require(byRegion["columns"] as? [String])
        let cells = try #require(byRegion["cells"] as? [[Any]])
        #expect(cells[rows.firstIndex(of: "harassment")!][columns.firstIndex(of: "africa")!] as? Int == 7)
        #expect(outputs["html-ru"]!.contains("lang=\"ru\""))
        #expect(!outputs["html-en"]!.contains("<script"))
        // Every release is on the ledger, its hash in the log.
        let sha = try #require(document["sha256"] as? String)
        let audit = try workspace.auditText()
        #expect(audit.contains("summary.released"))
        #expect(audit.contains(sha))
        // Not one case key was unlocked to make them.
        #expect(!audit.contains("case.read"))
    }

    @Test func anyoneButTheExecutiveOrAnAdministratorIsRefusedAndTheRefusalLogged() throws {
        let (workspace, _) = try workspaceWithFiledCases("REFUSED", count: 2)
        defer { try? FileManager.default.removeItem(at: workspace.folder) }
        let refused = try workspace.run(["summary", "--period", "2026-Q3"], as: "amina")
        #expect(refused.status != 0)
        #expect(refused.standardError.contains("not allowed"))
        #expect(try workspace.auditText().contains("summary.release"))
        let administrator = try workspace.run(["summary", "--period", "2026-Q3", "--format", "json"], as: "rosa")
        #expect(administrator.status == 0, "\(administrator.standardError)")
    }

    @Test func aPeriodNotOverBadInputAndFilesAreExplained() throws {
        let (workspace, _) = try workspaceWithFiledCases("PERIODS", count: 1)
        defer { try? FileManager.default.removeItem(at: workspace.folder) }
        let future = try workspace.run(["summary", "--period", "2099-Q1"], as: "olga")
        #expect(future.status != 0)
        #expect(future.standardError.contains("has not ended"))
        let bad = try workspace.run(["summary", "--period", "2026-Q7"], as: "olga")
        #expect(bad.status != 0)
        #expect(bad.standardError.contains("not a period"))
        let adHoc = try workspace.run(["summary", "--ad-hoc", "--from", "2026-07"], as: "olga")
        #expect(adHoc.status != 0)
        #expect(adHoc.standardError.contains("--from and --to"))
        let language = try workspace.run(["summary", "--period", "2026-Q3", "--language", "de"], as: "olga")
        #expect(language.status != 0)
        let out = workspace.folder.appendingPathComponent("q3.html")
        let written = try workspace.run(["summary", "--ad-hoc", "--from", "2026-07", "--to", "2026-09", "--format", "html", "--out", out.path], as: "olga")
        #expect(written.status == 0, "\(written.standardError)")
        #expect(try String(contentsOf: out, encoding: .utf8).hasPrefix("<!doctype html>"))
    }
}
