import Foundation

/// A summary as people read it — Markdown for the terminal and the minutes, one HTML page to
/// print for the meeting — and as CSV for a spreadsheet or an outside check. It renders, never
/// decides: which values are withheld arrives in the document, and a withheld value is shown as
/// its marker everywhere, never as a number, a bar's length, or a hint of which kind it is.
/// Every string from the document is escaped for where it lands: the document may come back from
/// the ledger or from someone else's hands, and an event's slug is chosen by a person.
public enum SummaryRendering {
    /// Removes what could trick a reader or a terminal (Markdown goes to one): control
    /// characters, and the bidirectional controls that show text in another order than it is.
    static func printable(_ text: String, newlines: Bool) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars {
            switch scalar.value {
            case 0x0A where newlines: out.append(scalar)
            case 0x09, 0x0A: out.append(" ")
            case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: out.append("\u{FFFD}")
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    static func metadata(_ document: SummaryDocument, _ catalog: SummaryCatalog) throws -> [(label: String, value: String, isHash: Bool)] {
        var lines = [
            (try catalog.text("meta.organisation"), document.organisation, false),
            (try catalog.text("meta.period"), try periodText(document, catalog), false),
            (try catalog.text("meta.audience"), try catalog.text("audience.\(document.audience.rawValue)"), false),
            (try catalog.text("meta.threshold"), try catalog.text("meta.threshold.value", ["threshold": String(document.threshold)]), false),
            (try catalog.text("meta.released"), document.released.description, false),
            (try catalog.text("meta.procedure"), document.procedure, true),
        ]
        if let sha256 = document.sha256 { lines.append((try catalog.text("meta.sha256"), sha256, true)) }
        return lines
    }

    static func periodText(_ document: SummaryDocument, _ catalog: SummaryCatalog) throws -> String {
        let kind = try catalog.text("period.kind.\(document.periodKind.rawValue)")
        guard document.from != document.to else { return try catalog.text("meta.period.single", ["period": document.period, "kind": kind]) }
        return try catalog.text("meta.period.value", ["period": document.period, "kind": kind, "from": document.from.description, "to": document.to.description])
    }

    static func span(_ table: SummaryTable, _ catalog: SummaryCatalog) throws -> String? {
        if let at = table.at { return try catalog.text("span.at", ["month": at.description]) }
        guard let from = table.from, let to = table.to else { return nil }
        return try from == to ? catalog.text("span.month", ["month": from.description])
            : catalog.text("span.during", ["from": from.description, "to": to.description])
    }

    /// A table as words: its header (the corner, the columns, the totals column of a two-way
    /// table), a line per row, and the totals line, each starting with its label.
    static func grid(_ table: SummaryTable, _ catalog: SummaryCatalog)
        throws -> (header: [String], rows: [[String]], totals: [String], hasTotalColumn: Bool) {
        let total = try catalog.text("total")
        let rowHeading = try catalog.text("dimension.\(table.dimensions.first?.rawValue ?? "period")")
        let twoWay = table.dimensions.count == 2
        // A one-way table's only column is its count, headed by what it counts.
        let columns = try twoWay ? table.columns.map { catalog.label($0, in: table.dimensions[1]) }
            : table.columns.count == 1 ? [catalog.text("population.\(table.population.rawValue)")] : table.columns
        let hasTotalColumn = twoWay || table.columns.count > 1
        let corner = try twoWay ? catalog.text("table.corner", ["rows": rowHeading, "columns": catalog.text("dimension.\(table.dimensions[1].rawValue)")]) : rowHeading
        let width = table.columns.count + (hasTotalColumn ? 1 : 0)
        let rows = table.rows.enumerated().map { row, id in
            [table.dimensions.first.map { catalog.label(id, in: $0) } ?? id] + (0..<width).map { text(value(table, row: row, column: $0)) }
        }
        let totals = [total] + (0..<width).map { text(value(table, row: table.rows.count, column: $0)) }
        return ([corner] + columns + (hasTotalColumn ? [total] : []), rows, totals, hasTotalColumn)
    }

    static func timingRows(_ timing: TimingFigures, _ catalog: SummaryCatalog)
        throws -> (daysHeader: [String], days: [[String]], sharesHeader: [String], shares: [[String]]) {
        let measure = try catalog.text("timing.measure")
        let days = try [("timing.days_to_acknowledge", timing.acknowledge), ("timing.days_to_close", timing.close)].map { key, figure in
            [try catalog.text(key), figure.medianDays.map(String.init) ?? "—", figure.percentile90Days.map(String.init) ?? "—"]
        }
        var shares = [("timing.acknowledged_on_time", timing.acknowledgedOnTime)]
        if let feedback = timing.feedbackOnTime { shares.append(("timing.feedback_on_time", feedback)) }
        let shareRows = try shares.map { key, share in
            [try catalog.text(key), try share.percent.map { try catalog.text("timing.percent", ["percent": String($0)]) } ?? "—"]
        }
        return ([measure, try catalog.text("timing.median"), try catalog.text("timing.p90")], days,
                [measure, try catalog.text("timing.share")], shareRows)
    }

    /// The footnote on the marker, once, when something is withheld. It says what the marker
    /// may stand for and never which of the two a given value is.
    static func footnote(_ document: SummaryDocument, _ catalog: SummaryCatalog) throws -> String? {
        var values: [PublishedCount] = []
        for table in document.tables { values += table.cells.joined() + table.rowTotals + table.columnTotals + [table.total] }
        let marker = values.lazy.compactMap { value -> String? in
            if case .withheld(let marker) = value { marker } else { nil }
        }.first
        guard let marker else { return nil }
        return try catalog.text("withheld.footnote", ["marker": marker, "largest": String(max(1, document.threshold - 1))])
    }

    /// The value at (row, column) of the extended grid (totals last), or nil where a damaged
    /// document's arrays are shorter than its labels: it renders with a gap rather than trapping.
    static func value(_ table: SummaryTable, row: Int, column: Int) -> PublishedCount? {
        func element<T>(_ array: [T], _ index: Int) -> T? { array.indices.contains(index) ? array[index] : nil }
        return switch (row < table.rows.count, column < table.columns.count) {
        case (true, true): element(table.cells, row).flatMap { element($0, column) }
        case (true, false): element(table.rowTotals, row)
        case (false, true): element(table.columnTotals, column)
        case (false, false): table.total
        }
    }

    static func text(_ count: PublishedCount?) -> String {
        switch count {
        case .count(let value)?: String(value)
        case .withheld(let marker)?: marker
        case nil: ""
        }
    }
}
