import Foundation

/// CSV (RFC 4180), ids untranslated, for a spreadsheet or an outside check.
extension SummaryRendering {
    /// RFC 4180, CRLF between records: ids, not words, so that a script can read any language's
    /// release. Totals are the row or column `total`; the whole extended grid is written, as the
    /// JSON has it, so a one-way table's row totals repeat its cells.
    public static func csv(_ document: SummaryDocument) -> String {
        var records = [["table", "row", "column", "value"]]
        func meta(_ name: String, _ value: String) { records.append(["meta", name, "", value]) }
        meta("format", document.format)
        meta("organisation", document.organisation)
        meta("period", document.period)
        meta("period_kind", document.periodKind.rawValue)
        meta("from", document.from.description)
        meta("to", document.to.description)
        meta("audience", document.audience.rawValue)
        meta("threshold", String(document.threshold))
        meta("released", document.released.description)
        meta("procedure", document.procedure)
        if let sha256 = document.sha256 { meta("sha256", sha256) }
        meta("checkpoint", document.checkpoint)
        for table in document.tables {
            for row in 0...table.rows.count {
                for column in 0...table.columns.count {
                    records.append([table.name, row < table.rows.count ? table.rows[row] : "total",
                                    column < table.columns.count ? table.columns[column] : "total", text(value(table, row: row, column: column))])
                }
            }
        }
        let timing = document.timing
        for (name, figure) in [("days_to_acknowledge", timing.acknowledge), ("days_to_close", timing.close)] {
            records.append(["timing", name, "median_days", figure.medianDays.map(String.init) ?? ""])
            records.append(["timing", name, "p90_days", figure.percentile90Days.map(String.init) ?? ""])
        }
        for (name, share) in [("acknowledged_on_time", timing.acknowledgedOnTime), ("feedback_on_time", timing.feedbackOnTime)] {
            guard let share else { continue }
            records.append(["timing", name, "percent", share.percent.map(String.init) ?? ""])
        }
        return records.map { $0.map(csvField).joined(separator: ",") + "\r\n" }.joined()
    }

    static func csvField(_ field: String) -> String {
        guard field.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
