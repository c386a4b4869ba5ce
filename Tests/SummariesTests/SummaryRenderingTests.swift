import Cases
import Foundation
import Languages
@testable import Summaries
import Testing

@Suite("Rendering a summary, and its catalogues")
struct SummaryRenderingTests {
    /// An executive summary as the ledger keeps it, written by hand so that the rendering is
    /// tested against the JSON format rather than against the engine: withheld cells, a category
    /// the catalogues do not know, an event whose slug is markup, an organisation that needs
    /// quoting everywhere, and a checkpoint of several lines.
    private static let json = #"""
        {
          "format": "grievance-summary/1",
          "organisation": "Network \"North\", <Ops> & Co",
          "period": "2027-Q1",
          "period_kind": "quarter",
          "from": "2027-01",
          "to": "2027-03",
          "audience": "executive",
          "threshold": 5,
          "released": "2027-04",
          "procedure": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
          "checkpoint": "grievance/0a1b2c3d4e5f6071\n42\nq0VxN3G0rW2m8n6vJ1l0cJ3rC1m5Yk2m0bH1vQ9sQmE=\n\n— grievance/0a1b2c3d4e5f6071 Az3kYQ2x,\"q\"\n",
          "sha256": "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752",
          "tables": [
            {
              "name": "received_by_category_region", "population": "received", "dimensions": ["category", "region"],
              "from": "2027-01", "to": "2027-03",
              "rows": ["harassment", "bullying", "custom-category"], "columns": ["africa", "global", "none"],
              "cells": [[7, "<5", "<5"], [6, "<5", "<5"], [0, 0, 0]],
              "row_totals": [12, 9, 0], "column_totals": [13, "<5", "<5"], "total": 21
            },
            {
              "name": "received_by_event", "population": "received", "dimensions": ["event"],
              "from": "2027-01", "to": "2027-03",
              "rows": ["assembly-2027", "<b>gala</b>", "none"], "columns": ["cases"],
              "cells": [[14], [7], [0]], "row_totals": [14, 7, 0], "column_totals": [21], "total": 21
            },
            {
              "name": "received_by_channel", "population": "received", "dimensions": ["channel"],
              "from": "2027-01", "to": "2027-03",
              "rows": ["web", "hotline", "in-person", "email"], "columns": ["cases"],
              "cells": [[15], [6], [0], [0]], "row_totals": [15, 6, 0, 0], "column_totals": [21], "total": 21
            },
            {
              "name": "closed_by_outcome", "population": "closed", "dimensions": ["outcome"],
              "from": "2027-01", "to": "2027-03",
              "rows": ["assessment", "informal-resolution", "decision", "appeal"], "columns": ["cases"],
              "cells": [[5], [0], [6], [0]], "row_totals": [5, 0, 6, 0], "column_totals": [11], "total": 11
            },
            {
              "name": "open_by_category_stage", "population": "open", "dimensions": ["category", "stage"],
              "at": "2027-03",
              "rows": ["harassment", "bullying"], "columns": ["received", "assessment", "investigation"],
              "cells": [[0, 5, 6], [0, 0, 7]], "row_totals": [11, 7], "column_totals": [0, 5, 13], "total": 18
            },
            {
              "name": "received_by_period", "population": "received", "dimensions": [],
              "from": "2026-04", "to": "2027-03",
              "row_periods": [{"from": "2026-04", "to": "2026-06"}, {"from": "2026-07", "to": "2026-09"},
                              {"from": "2026-10", "to": "2026-12"}, {"from": "2027-01", "to": "2027-03"}],
              "rows": ["2026-Q2", "2026-Q3", "2026-Q4", "2027-Q1"], "columns": ["cases"],
              "cells": [[17], ["<5"], [19], [21]], "row_totals": [17, "<5", 19, 21], "column_totals": [61], "total": 61
            }
          ],
          "timing": {
            "days_to_acknowledge": {"cases": 18, "median_days": 3, "p90_days": 6},
            "days_to_close": {"cases": "<5"},
            "acknowledged_on_time": {"cases": 16, "percent": 88},
            "feedback_on_time": {"cases": "<5"}
          }
        }
        """#

    private func document() throws -> SummaryDocument {
        try JSONDecoder().decode(SummaryDocument.self, from: Data(Self.json.utf8))
    }

    private static let titles = [
        "en": "Summary for the Executive Committee",
        "ru": "Сводка для Исполнительного комитета",
        "es": "Resumen para el Comité Ejecutivo",
        "fr": "Synthèse pour le Comité exécutif",
    ]

    @Test("HTML is one self-contained, escaped page in every language")
    func htmlIsOneSelfContainedEscapedPageInEveryLanguage() throws {
        let document = try document()
        for language in SummaryCatalog.languages {
            let html = try SummaryRendering.html(document, language: language)
            let lowered = html.lowercased()
            #expect(html.hasPrefix("<!doctype html>"), "\(language)")
            #expect(html.contains("<html lang=\"\(language)\" dir=\"\(Language(rawValue: language)!.direction.rawValue)\">"), "\(language)")
            #expect(html.contains("<meta charset=\"utf-8\">"), "\(language)")
            let title: String = try Self.titles[language] ?? SummaryCatalog(language: language).text("title.executive")
            #expect(html.contains(title), "\(language)")
            for forbidden in ["<script", "http:", "https:", "src=", "href=", "@import", "@font-face", "<link", "<iframe", "<img"] {
                #expect(!lowered.contains(forbidden), "\(language): \(forbidden)")
            }
            #expect(lowered.components(separatedBy: "url(").count == lowered.components(separatedBy: "url(#").count, "\(language)")
            #expect(html.contains("@page { size: A4; margin: 15mm; }"), "\(language)")
            #expect(html.components(separatedBy: "<svg").count - 1 == 3, "\(language)")
            #expect(html.contains("role=\"img\""), "\(language)")
            #expect(html.contains("<caption>"), "\(language)")
            #expect(html.contains("<th scope=\"row\">"), "\(language)")
            // The slug is shown as text, never as markup, in the table and nowhere raw.
            #expect(html.contains("&lt;b&gt;gala&lt;/b&gt;"), "\(language)")
            #expect(!html.contains("<b>"), "\(language)")
            #expect(html.contains("Network &quot;North&quot;, &lt;Ops&gt; &amp; Co"), "\(language)")
            #expect(!html.contains("<Ops>"), "\(language)")
            #expect(html.contains("<td>&lt;5</td>"), "\(language)")
            #expect(html.contains("fill=\"url(#chart-period-hatch)\""), "\(language)")
            // The checkpoint runs left to right on a right-to-left page too.
            #expect(html.contains("<pre dir=\"ltr\">grievance/0a1b2c3d4e5f6071\n42\n"), "\(language)")
            #expect(html.contains(">custom-category<"), "\(language)")
        }
    }

    @Test("Markdown shows the marker and explains it once")
    func markdownShowsTheMarkerAndExplainsItOnce() throws {
        let document = try document()
        let markdown = try SummaryRendering.markdown(document, language: "en")
        #expect(markdown.hasPrefix("# Summary for the Executive Committee\n"))
        #expect(markdown.contains("| Harassment | 7 | <5 | <5 | 12 |"))
        let footnote = "<5: a count from 1 to 4, or a count withheld so that such a count cannot be worked out from the others."
        #expect(markdown.components(separatedBy: footnote).count - 1 == 1)
        #expect(markdown.contains("| **Total** | **13** | **<5** | **<5** | **21** |"))
        #expect(markdown.contains("| Event | Received |"))
        #expect(markdown.contains("| \\<b>gala\\</b> | 7 |"))
        #expect(markdown.contains("Network \"North\", \\<Ops> & Co"))
        #expect(markdown.contains("```\ngrievance/0a1b2c3d4e5f6071\n42\n"))
        #expect(markdown.contains(document.sha256!))

        let russian = try SummaryRendering.markdown(document, language: "ru")
        #expect(russian.contains("| **Итого** |"))
        #expect(russian.contains("значение от 1 до 4"))
    }

    @Test("CSV parses into four fields and keeps the checkpoint")
    func csvParsesIntoFourFieldsAndKeepsTheCheckpoint() throws {
        let document = try document()
        let csv = SummaryRendering.csv(document)
        let records = try #require(Self.parseCSV(csv), "not RFC 4180")
        #expect(records.first == ["table", "row", "column", "value"])
        for record in records { #expect(record.count == 4, "\(record)") }
        let cells = document.tables.map { ($0.rows.count + 1) * ($0.columns.count + 1) }.reduce(0, +)
        #expect(records.count == 1 + 12 + cells + 6)
        #expect(records.contains(["meta", "checkpoint", "", document.checkpoint]))
        #expect(records.contains(["meta", "organisation", "", document.organisation]))
        #expect(records.contains(["meta", "period", "", "2027-Q1"]))
        #expect(records.contains(["received_by_category_region", "harassment", "global", "<5"]))
        #expect(records.contains(["received_by_category_region", "total", "total", "21"]))
        #expect(records.contains(["received_by_event", "<b>gala</b>", "cases", "7"]))
        #expect(records.contains(["received_by_period", "2026-Q3", "total", "<5"]))
        #expect(records.contains(["timing", "days_to_acknowledge", "median_days", "3"]))
        #expect(records.contains(["timing", "feedback_on_time", "percent", ""]), "a share over too few cases is not shown, nor how many")
    }

    @Test("every catalogue is whole and says who translated it")
    func everyCatalogueIsWholeAndSaysWhoTranslatedIt() throws {
        let english = try SummaryCatalog.load(.en)
        #expect(SummaryCatalog.languages == Language.allCases.map(\.rawValue))
        for language in Language.allCases {
            let catalogue = try SummaryCatalog.load(language)
            #expect(throws: Never.self, "\(language.rawValue)") { try catalogue.check(against: english) }
            #expect(!catalogue.translatedBy.isEmpty, "\(language.rawValue)")
            #expect(throws: Never.self) { try SummaryCatalog(language: language.rawValue) }
        }
    }

    /// Every value the engine can put in a table of the default procedure reads as words.
    @Test("every fixed label is translated")
    func everyFixedLabelIsTranslated() throws {
        let fixed: [(Summaries.Dimension, [String])] = [
            (.region, Region.allCases.map(\.rawValue)),
            (.respondentRole, RespondentRole.allCases.map(\.rawValue)),
            (.channel, IntakeChannel.allCases.map(\.rawValue)),
            (.gender, ReporterGender.allCases.map(\.rawValue)),
            (.category, ["harassment", "sexual-harassment", "discrimination", "bullying", "violence", "threats", "safeguarding-child",
                         "safeguarding-adult", "conduct-breach", "misuse-of-funds", "other"]),
            (.stage, ["received", "acknowledged", "assessment", "informal-resolution", "investigation", "decision", "appeal"]),
            (.outcome, ["received", "acknowledged", "assessment", "informal-resolution", "investigation", "decision", "appeal"]),
        ]
        let tables = ["received_by_category_region", "received_by_event", "received_by_respondent_role", "received_by_channel", "closed_by_outcome",
                      "open_by_category_stage", "received_by_category", "overdue_by_stage", "received_by_gender_category",
                      "closed_by_gender_outcome", "open_by_gender_stage", "received_by_period"]
        for language in SummaryCatalog.languages {
            let catalog = try SummaryCatalog(language: language)
            for (dimension, ids) in fixed {
                for id in ids + [Summaries.Dimension.none] { #expect(catalog.label(id, in: dimension) != id, "\(language): \(dimension) \(id)") }
                #expect(throws: Never.self, "\(language)") { try catalog.text("dimension.\(dimension.rawValue)") }
            }
            for table in tables { #expect(catalog.tableName(table) != table, "\(language): \(table)") }
            #expect(catalog.label("general_assembly", in: .event) == "general_assembly")
        }
    }

    @Test("an unknown language is refused")
    func anUnknownLanguageIsRefused() throws {
        let document = try document()
        let unknown = #expect(throws: (any Error).self) { try SummaryCatalog(language: "de") }
        if let error = unknown {
            #expect((error as? SummaryCatalogError) == .unknownLanguage("de"))
            #expect((error as? SummaryCatalogError)?.message == "there is no summary catalogue for de")
        }
        #expect(throws: (any Error).self) { try SummaryRendering.html(document, language: "de") }
        #expect(throws: (any Error).self) { try SummaryRendering.markdown(document, language: "EN") }
        let catalog = try SummaryCatalog(language: "en")
        #expect(throws: SummaryCatalogError.missingKey("no.such.key", language: "en")) { try catalog.text("no.such.key") }
    }

    // MARK: - Helpers

    /// RFC 4180, strictly: CRLF after every record, quotes only around a whole field, `""` for
    /// a quote inside one. Nil for anything else.
    private static func parseCSV(_ text: String) -> [[String]]? {
        let scalars = Array(text.unicodeScalars)
        var records: [[String]] = [], record: [String] = [], field = String.UnicodeScalarView()
        var index = 0, quoted = false, closed = false
        while index < scalars.count {
            let scalar = scalars[index]
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            if quoted {
                if scalar != "\"" { field.append(scalar) } else if next == "\"" { field.append(scalar); index += 1 } else { (quoted, closed) = (false, true) }
            } else if scalar == "," {
                record.append(String(field))
                (field, closed) = (String.UnicodeScalarView(), false)
            } else if scalar == "\r" {
                guard next == "\n" else { return nil }
                record.append(String(field))
                records.append(record)
                (record, field, closed) = ([], String.UnicodeScalarView(), false)
                index += 1
            } else if scalar == "\"" {
                guard field.isEmpty, !closed else { return nil }
                quoted = true
            } else {
                guard !closed, scalar != "\n" else { return nil }
                field.append(scalar)
            }
            index += 1
        }
        guard !quoted, record.isEmpty, field.isEmpty else { return nil }
        return records
    }
}
