import Foundation

/// A summary as people read it — Markdown for the terminal and the minutes, one HTML page to
/// print for the meeting — and as CSV for a spreadsheet or an outside check. It renders, never
/// decides: which values are withheld arrives in the document, and a withheld value is shown as
/// its marker everywhere, never as a number, a bar's length, or a hint of which kind it is.
/// Every string from the document is escaped for where it lands: the document may come back from
/// the ledger or from someone else's hands, and an event's slug is chosen by a person.
public enum SummaryRendering {
    // MARK: - Markdown

    public static func markdown(_ document: SummaryDocument, language: String) throws -> String {
        let catalog = try SummaryCatalog(language: language)
        var out = "# \(markdownText(try catalog.text("title.\(document.audience.rawValue)")))\n\n"
        for line in try metadata(document, catalog) {
            out += "- \(markdownText(try catalog.text("meta.line", ["label": line.label, "value": line.value])))\n"
        }
        out += "\n\(markdownText(try catalog.text("document.intro", ["threshold": String(document.threshold)])))\n"
        for table in document.tables {
            out += "\n## \(markdownText(catalog.tableName(table.name)))\n\n"
            if let span = try span(table, catalog) { out += "_\(markdownText(span))_\n\n" }
            let grid = try grid(table, catalog)
            out += markdownTable(header: grid.header, rows: grid.rows + [grid.totals], boldLastRow: true)
        }
        let timing = try timingRows(document.timing, catalog)
        out += "\n## \(markdownText(try catalog.text("timing.heading")))\n\n"
        out += markdownTable(header: timing.daysHeader, rows: timing.days, boldLastRow: false) + "\n"
        out += markdownTable(header: timing.sharesHeader, rows: timing.shares, boldLastRow: false) + "\n"
        out += "\(markdownText(try catalog.text("timing.note")))\n"
        if let footnote = try footnote(document, catalog) { out += "\n\(markdownText(footnote))\n" }
        out += "\n## \(markdownText(try catalog.text("checkpoint.heading")))\n\n"
        // The catalogue's own backticks are meant: they mark the commands as code.
        out += "\(try catalog.text("checkpoint.text"))\n\n"
        let checkpoint = printable(document.checkpoint, newlines: true)
        let fence = String(repeating: "`", count: max(3, longestRun(of: "`", in: checkpoint) + 1))
        out += "\(fence)\n\(checkpoint)\(checkpoint.hasSuffix("\n") ? "" : "\n")\(fence)\n"
        return out
    }

    private static func markdownTable(header: [String], rows: [[String]], boldLastRow: Bool) -> String {
        func line(_ cells: [String], bold: Bool) -> String {
            "| " + cells.map { cell in
                let text = markdownText(cell)
                return text.isEmpty ? " " : bold ? "**\(text)**" : text
            }.joined(separator: " | ") + " |\n"
        }
        var out = line(header, bold: false)
        out += "| :--- |" + String(repeating: " ---: |", count: max(0, header.count - 1)) + "\n"
        for (index, row) in rows.enumerated() { out += line(row, bold: boldLastRow && index == rows.count - 1) }
        return out
    }

    /// Escapes what Markdown would read as markup — table pipes, emphasis, links, code, and a
    /// `<` or `&` that could open HTML or an entity — and keeps `<5` readable in a terminal.
    private static func markdownText(_ text: String) -> String {
        let scalars = Array(printable(text, newlines: false).unicodeScalars)
        var out = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            let previous = index > 0 ? scalars[index - 1] : nil
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            let escaped: Bool = switch scalar {
            case "\\", "|", "`", "*", "[", "]": true
            // An underscore inside a word never starts emphasis; slugs are full of them.
            case "_": !(isWordy(previous) && isWordy(next))
            case "<": next.map { $0.properties.isAlphabetic || "/!?".unicodeScalars.contains($0) } ?? false
            case "&": next.map { $0.properties.isAlphabetic || $0 == "#" } ?? false
            default: false
            }
            if escaped { out.append("\\") }
            out.append(scalar)
        }
        return String(out)
    }

    private static func isWordy(_ scalar: Unicode.Scalar?) -> Bool {
        scalar.map { $0.properties.isAlphabetic || $0.properties.numericType != nil } ?? false
    }

    private static func longestRun(of character: Character, in text: String) -> Int {
        var longest = 0, current = 0
        for each in text {
            current = each == character ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }

    // MARK: - CSV

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
            records.append(["timing", name, "cases", text(figure.cases)])
            records.append(["timing", name, "median_days", figure.medianDays.map(String.init) ?? ""])
            records.append(["timing", name, "p90_days", figure.percentile90Days.map(String.init) ?? ""])
        }
        for (name, share) in [("acknowledged_on_time", timing.acknowledgedOnTime), ("feedback_on_time", timing.feedbackOnTime)] {
            guard let share else { continue }
            records.append(["timing", name, "cases", text(share.cases)])
            records.append(["timing", name, "percent", share.percent.map(String.init) ?? ""])
        }
        return records.map { $0.map(csvField).joined(separator: ",") + "\r\n" }.joined()
    }

    private static func csvField(_ field: String) -> String {
        guard field.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // MARK: - HTML

    /// One page that works offline and prints on A4: no script, nothing fetched (the policy in
    /// the page forbids it even if a string slipped through), charts drawn inline.
    public static func html(_ document: SummaryDocument, language: String) throws -> String {
        let catalog = try SummaryCatalog(language: language)
        let title = try catalog.text("title.\(document.audience.rawValue)")
        let metadata = try metadata(document, catalog)
        var body = "<header>\n<p class=\"organisation\">\(escapeHTML(document.organisation))</p>\n<h1>\(escapeHTML(title))</h1>\n"
        body += "<p class=\"period\">\(escapeHTML(try periodText(document, catalog)))</p>\n</header>\n<main>\n<dl class=\"meta\">\n"
        for line in metadata.dropFirst(2) {
            body += "<dt>\(escapeHTML(line.label))</dt><dd\(line.isHash ? " class=\"hash\"" : "")>\(escapeHTML(line.value))</dd>\n"
        }
        body += "</dl>\n<p>\(escapeHTML(try catalog.text("document.intro", ["threshold": String(document.threshold)])))</p>\n"
        body += try glance(document, catalog)
        body += "<section>\n<h2>\(escapeHTML(try catalog.text("section.tables")))</h2>\n"
        for table in document.tables { body += try htmlTable(table, catalog) }
        body += "</section>\n"
        let timing = try timingRows(document.timing, catalog)
        let heading = try catalog.text("timing.heading")
        body += "<section>\n<h2>\(escapeHTML(heading))</h2>\n"
        body += htmlTable(caption: try catalog.text("timing.days"), span: nil, header: timing.daysHeader, rows: timing.days, totals: nil)
        body += htmlTable(caption: try catalog.text("chart.deadlines"), span: nil, header: timing.sharesHeader, rows: timing.shares, totals: nil)
        body += "<p class=\"note\">\(escapeHTML(try catalog.text("timing.note")))</p>\n</section>\n"
        if let footnote = try footnote(document, catalog) { body += "<p class=\"footnote\">\(escapeHTML(footnote))</p>\n" }
        body += "<section class=\"checkpoint\">\n<h2>\(escapeHTML(try catalog.text("checkpoint.heading")))</h2>\n"
        body += "<p>\(htmlWithCode(try catalog.text("checkpoint.text")))</p>\n<pre>\(escapeHTML(document.checkpoint))</pre>\n</section>\n</main>\n"
        return """
            <!doctype html>
            <html lang="\(escapeHTML(catalog.language))">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <meta name="referrer" content="no-referrer">
            <title>\(escapeHTML("\(title) — \(document.organisation) — \(document.period)"))</title>
            <style>
            \(stylesheet)
            </style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    private static let inkColour = "#1a1a1a", barColour = "#1f4e79", ruleColour = "#595959"

    /// System fonts only (a web font is a fetch), and print rules that keep rows, charts and
    /// headings with what follows them.
    private static let stylesheet = """
        @page { size: A4; margin: 15mm; }
        html { color: \(inkColour); background: #ffffff; }
        body { font-family: system-ui, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif; font-size: 11pt; line-height: 1.4; max-width: 180mm; margin: 0 auto; padding: 0 4mm 8mm; }
        header { border-bottom: 2px solid \(barColour); margin: 0 0 1em; padding-top: 4mm; }
        .organisation { font-weight: 600; margin: 0; }
        h1 { font-size: 18pt; line-height: 1.2; margin: .2em 0; color: \(barColour); }
        .period { margin: 0 0 .6em; }
        h2 { font-size: 13pt; margin: 1.4em 0 .5em; break-after: avoid; page-break-after: avoid; }
        dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15em 1em; margin: 0 0 1em; }
        dl.meta dt { font-weight: 600; }
        dl.meta dd { margin: 0; }
        .hash, pre, code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
        .hash { font-size: 9pt; overflow-wrap: anywhere; }
        figure { margin: 0 0 1.2em; break-inside: avoid; page-break-inside: avoid; }
        figcaption { font-weight: 600; margin-bottom: .3em; }
        svg { display: block; width: 100%; max-width: 100%; height: auto; }
        svg text { font-family: inherit; fill: \(inkColour); }
        table { border-collapse: collapse; width: 100%; margin: 0 0 1.2em; font-size: 9.5pt; }
        caption { caption-side: top; text-align: left; font-weight: 600; padding-bottom: .3em; break-after: avoid; }
        caption .span { display: block; font-weight: normal; font-size: 9pt; }
        th, td { border: 1px solid \(ruleColour); padding: .25em .4em; vertical-align: top; }
        thead th { background: #e8eef4; text-align: left; vertical-align: bottom; }
        thead th:not(:first-child) { text-align: right; }
        tbody th, tfoot th { text-align: left; font-weight: normal; }
        td { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.total, tfoot th, tfoot td { font-weight: 600; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        thead { display: table-header-group; }
        tfoot { display: table-row-group; }
        .note, .footnote { font-size: 9.5pt; }
        pre { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 8.5pt; border: 1px solid \(ruleColour); background: #f4f4f4; padding: .6em; break-inside: avoid; page-break-inside: avoid; }
        @media print {
          body { max-width: none; padding: 0; font-size: 10pt; }
          * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
        }
        """

    private static func htmlTable(_ table: SummaryTable, _ catalog: SummaryCatalog) throws -> String {
        let grid = try grid(table, catalog)
        return htmlTable(caption: catalog.tableName(table.name), span: try span(table, catalog), header: grid.header, rows: grid.rows, totals: grid.totals,
                         totalColumn: grid.hasTotalColumn)
    }

    private static func htmlTable(caption: String, span: String?, header: [String], rows: [[String]], totals: [String]?, totalColumn: Bool = false) -> String {
        var out = "<table>\n<caption>\(escapeHTML(caption))"
        if let span { out += "<span class=\"span\">\(escapeHTML(span))</span>" }
        out += "</caption>\n<thead><tr>" + header.map { "<th scope=\"col\">\(escapeHTML($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        func line(_ cells: [String]) -> String {
            guard let label = cells.first else { return "" }
            let values = cells.dropFirst().enumerated().map { index, cell in
                "<td\(totalColumn && index == cells.count - 2 ? " class=\"total\"" : "")>\(escapeHTML(cell))</td>"
            }
            return "<tr><th scope=\"row\">\(escapeHTML(label))</th>\(values.joined())</tr>\n"
        }
        for row in rows { out += line(row) }
        out += "</tbody>\n"
        if let totals { out += "<tfoot>\n\(line(totals))</tfoot>\n" }
        return out + "</table>\n"
    }

    // MARK: Charts

    private static func glance(_ document: SummaryDocument, _ catalog: SummaryCatalog) throws -> String {
        var figures: [String] = []
        if let bars = categoryBars(document, catalog) {
            figures.append(figure(horizontalBars(id: "chart-category", title: try catalog.text("chart.by_category"), bars: bars)))
        }
        if let trend = document.table("received_by_period") {
            let bars = trend.rows.indices.map { (label: trend.rows[$0], value: value(trend, row: $0, column: trend.columns.count)) }
            figures.append(figure(periodBars(id: "chart-period", title: try catalog.text("chart.by_period"), bars: bars)))
        }
        var shares = [(label: try catalog.text("timing.acknowledged_on_time"), share: document.timing.acknowledgedOnTime)]
        if let feedback = document.timing.feedbackOnTime { shares.append((try catalog.text("timing.feedback_on_time"), feedback)) }
        figures.append(figure(try shareBars(id: "chart-deadlines", title: try catalog.text("chart.deadlines"), shares: shares, catalog)))
        return "<section>\n<h2>\(escapeHTML(try catalog.text("section.glance")))</h2>\n\(figures.joined())</section>\n"
    }

    private static func figure(_ chart: (title: String, svg: String)) -> String {
        "<figure>\n<figcaption>\(escapeHTML(chart.title))</figcaption>\n\(chart.svg)</figure>\n"
    }

    /// Received by category, from whichever table the audience has: a category's row totals,
    /// or the column totals of the gender committee's table.
    private static func categoryBars(_ document: SummaryDocument, _ catalog: SummaryCatalog) -> [(label: String, value: PublishedCount?)]? {
        if let table = document.table("received_by_category_region") ?? document.table("received_by_category") {
            return table.rows.indices.map { (catalog.label(table.rows[$0], in: .category), value(table, row: $0, column: table.columns.count)) }
        }
        if let table = document.table("received_by_gender_category") {
            return table.columns.indices.map { (catalog.label(table.columns[$0], in: .category), value(table, row: table.rows.count, column: $0)) }
        }
        return nil
    }

    private static func horizontalBars(id: String, title: String, bars: [(label: String, value: PublishedCount?)]) -> (title: String, svg: String) {
        let (left, room, rowHeight) = (290, 360, 24)
        let largest = max(1, bars.compactMap { $0.value?.value }.max() ?? 1)
        var svg = svgOpen(id: id, height: 12 + bars.count * rowHeight, title: title, description: bars.map { "\($0.label): \(text($0.value))" })
        for (index, bar) in bars.enumerated() {
            let y = 6 + index * rowHeight
            svg += label(bar.label, x: left - 8, y: y + 16, anchor: "end")
            switch bar.value {
            case .count(let count)?:
                let length = count == 0 ? 0 : max(2, Int((Double(count) / Double(largest) * Double(room)).rounded()))
                if length > 0 { svg += "<rect x=\"\(left)\" y=\"\(y + 4)\" width=\"\(length)\" height=\"16\" fill=\"\(barColour)\"/>" }
                svg += "<text x=\"\(left + length + 6)\" y=\"\(y + 16)\" font-size=\"12\">\(count)</text>\n"
            case .withheld(let marker)?:
                svg += stub(id: id, x: left, y: y + 4, width: 12, height: 16)
                svg += "<text x=\"\(left + 18)\" y=\"\(y + 16)\" font-size=\"12\">\(escapeHTML(marker))</text>\n"
            case nil: svg += "\n"
            }
        }
        return (title, svg + "</svg>\n")
    }

    /// One bar per period, oldest first, each labelled below with its period and above with its count.
    private static func periodBars(id: String, title: String, bars: [(label: String, value: PublishedCount?)]) -> (title: String, svg: String) {
        let (top, plot, margin) = (24, 160, 16)
        let slot = Double(720 - 2 * margin) / Double(max(bars.count, 1))
        let width = Int(min(64, slot * 0.6))
        let largest = max(1, bars.compactMap { $0.value?.value }.max() ?? 1)
        let base = top + plot
        var svg = svgOpen(id: id, height: base + 32, title: title, description: bars.map { "\($0.label): \(text($0.value))" })
        svg += "<line x1=\"\(margin)\" y1=\"\(base)\" x2=\"\(720 - margin)\" y2=\"\(base)\" stroke=\"\(ruleColour)\" stroke-width=\"1\"/>\n"
        for (index, bar) in bars.enumerated() {
            let centre = margin + Int(slot * (Double(index) + 0.5))
            switch bar.value {
            case .count(let count)?:
                let height = count == 0 ? 0 : max(2, Int((Double(count) / Double(largest) * Double(plot)).rounded()))
                if height > 0 { svg += "<rect x=\"\(centre - width / 2)\" y=\"\(base - height)\" width=\"\(width)\" height=\"\(height)\" fill=\"\(barColour)\"/>" }
                svg += "<text x=\"\(centre)\" y=\"\(base - height - 6)\" text-anchor=\"middle\" font-size=\"12\">\(count)</text>"
            case .withheld(let marker)?:
                svg += stub(id: id, x: centre - width / 2, y: base - 10, width: width, height: 10)
                svg += "<text x=\"\(centre)\" y=\"\(base - 16)\" text-anchor=\"middle\" font-size=\"12\">\(escapeHTML(marker))</text>"
            case nil: break
            }
            svg += label(bar.label, x: centre, y: base + 20, anchor: "middle", limit: Int(slot / 7)) + "\n"
        }
        return (title, svg + "</svg>\n")
    }

    /// Each share as a bar across a 0–100 scale. A withheld share has no bar at all — an empty
    /// scale would read as 0 — only the stub and its marker.
    private static func shareBars(id: String, title: String, shares: [(label: String, share: DeadlineShare)], _ catalog: SummaryCatalog) throws -> (title: String, svg: String) {
        let (left, room, rowHeight) = (290, 340, 28)
        var texts: [String] = []
        for entry in shares {
            texts.append(try entry.share.percent.map { try catalog.text("timing.percent", ["percent": String($0)]) } ?? withheldOrDash(entry.share.cases))
        }
        var svg = svgOpen(id: id, height: 12 + shares.count * rowHeight, title: title, description: zip(shares, texts).map { "\($0.label): \($1)" })
        for (index, entry) in shares.enumerated() {
            let y = 6 + index * rowHeight
            svg += label(entry.label, x: left - 8, y: y + 18, anchor: "end")
            if let percent = entry.share.percent {
                let clamped = min(100, max(0, percent))
                svg += "<rect x=\"\(left)\" y=\"\(y + 5)\" width=\"\(room)\" height=\"18\" fill=\"#ffffff\" stroke=\"\(ruleColour)\" stroke-width=\"1\"/>"
                svg += "<rect x=\"\(left)\" y=\"\(y + 5)\" width=\"\(room * clamped / 100)\" height=\"18\" fill=\"\(barColour)\"/>"
                svg += "<text x=\"\(left + room + 8)\" y=\"\(y + 18)\" font-size=\"12\">\(escapeHTML(texts[index]))</text>\n"
            } else if entry.share.cases.isWithheld {
                svg += stub(id: id, x: left, y: y + 5, width: 12, height: 18)
                svg += "<text x=\"\(left + 18)\" y=\"\(y + 18)\" font-size=\"12\">\(escapeHTML(texts[index]))</text>\n"
            } else {
                svg += "<text x=\"\(left)\" y=\"\(y + 18)\" font-size=\"12\">\(escapeHTML(texts[index]))</text>\n"
            }
        }
        return (title, svg + "</svg>\n")
    }

    /// The chart's title and a plain list of its values, which a screen reader announces in
    /// place of the drawing; the hatch marks a withheld value the same way in every chart.
    private static func svgOpen(id: String, height: Int, title: String, description: [String]) -> String {
        """
        <svg viewBox="0 0 720 \(height)" width="720" height="\(height)" role="img" aria-labelledby="\(id)-title \(id)-desc" preserveAspectRatio="xMinYMin meet">
        <title id="\(id)-title">\(escapeHTML(title))</title>
        <desc id="\(id)-desc">\(escapeHTML(description.joined(separator: "; ")))</desc>
        <defs><pattern id="\(id)-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="\(barColour)" stroke-width="2"/></pattern></defs>

        """
    }

    /// A withheld value's mark: the same small hatched, dashed box whatever the value, so its
    /// size says nothing about the count.
    private static func stub(id: String, x: Int, y: Int, width: Int, height: Int) -> String {
        "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(width)\" height=\"\(height)\" fill=\"url(#\(id)-hatch)\" stroke=\"\(barColour)\" stroke-width=\"1.5\" stroke-dasharray=\"3 2\"/>"
    }

    /// A label cut to the room it has; the whole of it stays in a tooltip and in the description.
    private static func label(_ text: String, x: Int, y: Int, anchor: String, limit: Int = 44) -> String {
        let shown = text.count > limit ? String(text.prefix(max(1, limit - 1))) + "…" : text
        let element = "<text x=\"\(x)\" y=\"\(y)\" text-anchor=\"\(anchor)\" font-size=\"12\">\(escapeHTML(shown))</text>"
        return shown == text ? element : "<g><title>\(escapeHTML(text))</title>\(element)</g>"
    }

    /// Entities for the five characters that could end text or an attribute, scalar by scalar so
    /// that a `<` carrying a combining mark is caught too.
    private static func escapeHTML(_ text: String) -> String {
        var out = ""
        for scalar in printable(text, newlines: true).unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A catalogue text with its `code` spans set as code.
    private static func htmlWithCode(_ text: String) -> String {
        escapeHTML(text).split(separator: "`", omittingEmptySubsequences: false).enumerated()
            .map { $0.offset.isMultiple(of: 2) ? String($0.element) : "<code>\($0.element)</code>" }.joined()
    }

    // MARK: - Shared

    /// Removes what could trick a reader or a terminal (Markdown goes to one): control
    /// characters, and the bidirectional controls that show text in another order than it is.
    private static func printable(_ text: String, newlines: Bool) -> String {
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

    private static func metadata(_ document: SummaryDocument, _ catalog: SummaryCatalog) throws -> [(label: String, value: String, isHash: Bool)] {
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

    private static func periodText(_ document: SummaryDocument, _ catalog: SummaryCatalog) throws -> String {
        let kind = try catalog.text("period.kind.\(document.periodKind.rawValue)")
        guard document.from != document.to else { return try catalog.text("meta.period.single", ["period": document.period, "kind": kind]) }
        return try catalog.text("meta.period.value", ["period": document.period, "kind": kind, "from": document.from.description, "to": document.to.description])
    }

    private static func span(_ table: SummaryTable, _ catalog: SummaryCatalog) throws -> String? {
        if let at = table.at { return try catalog.text("span.at", ["month": at.description]) }
        guard let from = table.from, let to = table.to else { return nil }
        return try from == to ? catalog.text("span.month", ["month": from.description])
            : catalog.text("span.during", ["from": from.description, "to": to.description])
    }

    /// A table as words: its header (the corner, the columns, the totals column of a two-way
    /// table), a line per row, and the totals line, each starting with its label.
    private static func grid(_ table: SummaryTable, _ catalog: SummaryCatalog)
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

    private static func timingRows(_ timing: TimingFigures, _ catalog: SummaryCatalog)
        throws -> (daysHeader: [String], days: [[String]], sharesHeader: [String], shares: [[String]]) {
        let measure = try catalog.text("timing.measure"), cases = try catalog.text("timing.cases")
        let days = try [("timing.days_to_acknowledge", timing.acknowledge), ("timing.days_to_close", timing.close)].map { key, figure in
            [try catalog.text(key), text(figure.cases), figure.medianDays.map(String.init) ?? withheldOrDash(figure.cases),
             figure.percentile90Days.map(String.init) ?? withheldOrDash(figure.cases)]
        }
        var shares = [("timing.acknowledged_on_time", timing.acknowledgedOnTime)]
        if let feedback = timing.feedbackOnTime { shares.append(("timing.feedback_on_time", feedback)) }
        let shareRows = try shares.map { key, share in
            [try catalog.text(key), text(share.cases),
             try share.percent.map { try catalog.text("timing.percent", ["percent": String($0)]) } ?? withheldOrDash(share.cases)]
        }
        return ([measure, cases, try catalog.text("timing.median"), try catalog.text("timing.p90")], days,
                [measure, cases, try catalog.text("timing.share")], shareRows)
    }

    /// A figure over withheld cases is withheld with them; over no cases there is nothing to show.
    private static func withheldOrDash(_ cases: PublishedCount) -> String {
        if case .withheld(let marker) = cases { marker } else { "—" }
    }

    /// The footnote on the marker, once, when something is withheld. It says what the marker
    /// may stand for and never which of the two a given value is.
    private static func footnote(_ document: SummaryDocument, _ catalog: SummaryCatalog) throws -> String? {
        let timing = document.timing
        var values: [PublishedCount] = [timing.acknowledge.cases, timing.close.cases, timing.acknowledgedOnTime.cases]
        if let feedback = timing.feedbackOnTime { values.append(feedback.cases) }
        for table in document.tables { values += table.cells.joined() + table.rowTotals + table.columnTotals + [table.total] }
        let marker = values.lazy.compactMap { value -> String? in
            if case .withheld(let marker) = value { marker } else { nil }
        }.first
        guard let marker else { return nil }
        return try catalog.text("withheld.footnote", ["marker": marker, "largest": String(max(1, document.threshold - 1))])
    }

    /// The value at (row, column) of the extended grid (totals last), or nil where a damaged
    /// document's arrays are shorter than its labels: it renders with a gap rather than trapping.
    private static func value(_ table: SummaryTable, row: Int, column: Int) -> PublishedCount? {
        func element<T>(_ array: [T], _ index: Int) -> T? { array.indices.contains(index) ? array[index] : nil }
        return switch (row < table.rows.count, column < table.columns.count) {
        case (true, true): element(table.cells, row).flatMap { element($0, column) }
        case (true, false): element(table.rowTotals, row)
        case (false, true): element(table.columnTotals, column)
        case (false, false): table.total
        }
    }

    private static func text(_ count: PublishedCount?) -> String {
        switch count {
        case .count(let value)?: String(value)
        case .withheld(let marker)?: marker
        case nil: ""
        }
    }
}
