import Foundation
import Languages

/// One self-contained page to print for the meeting: inline CSS and SVG, no script, nothing fetched.
extension SummaryRendering {
    /// One page that works offline and prints on A4: no script, nothing fetched (the policy in
    /// the page forbids it even if a string slipped through), charts drawn inline.
    public static func html(_ document: SummaryDocument, language: String) throws -> String {
        let catalog = try SummaryCatalog(language: language)
        let title = try catalog.text("title.\(document.audience.rawValue)")
        let metadata = try metadata(document, catalog)
        var body = "<header>\n<p class=\"organisation\">\(escapeHTML(document.organisation))</p>\n<h1>\(escapeHTML(title))</h1>\n"
        body += "<p class=\"period\">\(escapeHTML(try periodText(document, catalog)))</p>\n</header>\n<main>\n<dl class=\"meta\">\n"
        for line in metadata.dropFirst(2) {
            body += "<dt>\(escapeHTML(line.label))</dt><dd\(line.isHash ? " class=\"hash\" dir=\"ltr\"" : "")>\(escapeHTML(line.value))</dd>\n"
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
        body += "<p class=\"note\">\(escapeHTML(try catalog.text("timing.note", ["minimum": String(2 * document.threshold)])))</p>\n</section>\n"
        if let footnote = try footnote(document, catalog) { body += "<p class=\"footnote\">\(escapeHTML(footnote))</p>\n" }
        body += "<section class=\"checkpoint\">\n<h2>\(escapeHTML(try catalog.text("checkpoint.heading")))</h2>\n"
        body += "<p>\(htmlWithCode(try catalog.text("checkpoint.text")))</p>\n<pre dir=\"ltr\">\(escapeHTML(document.checkpoint))</pre>\n</section>\n</main>\n"
        return """
            <!doctype html>
            <html lang="\(escapeHTML(catalog.language))" dir="\(catalog.direction.rawValue)">
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

    static let inkColour = "#1a1a1a", barColour = "#1f4e79", ruleColour = "#595959"

    /// System fonts only (a web font is a fetch), and print rules that keep rows, charts and
    /// headings with what follows them.
    static let stylesheet = """
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
        caption { caption-side: top; text-align: start; font-weight: 600; padding-bottom: .3em; break-after: avoid; }
        caption .span { display: block; font-weight: normal; font-size: 9pt; }
        th, td { border: 1px solid \(ruleColour); padding: .25em .4em; vertical-align: top; }
        thead th { background: #e8eef4; text-align: start; vertical-align: bottom; }
        thead th:not(:first-child) { text-align: end; }
        tbody th, tfoot th { text-align: start; font-weight: normal; }
        td { text-align: end; font-variant-numeric: tabular-nums; white-space: nowrap; }
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

    static func htmlTable(_ table: SummaryTable, _ catalog: SummaryCatalog) throws -> String {
        let grid = try grid(table, catalog)
        return htmlTable(caption: catalog.tableName(table.name), span: try span(table, catalog), header: grid.header, rows: grid.rows, totals: grid.totals,
                         totalColumn: grid.hasTotalColumn)
    }

    static func htmlTable(caption: String, span: String?, header: [String], rows: [[String]], totals: [String]?, totalColumn: Bool = false) -> String {
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

    static func glance(_ document: SummaryDocument, _ catalog: SummaryCatalog) throws -> String {
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

    static func figure(_ chart: (title: String, svg: String)) -> String {
        "<figure>\n<figcaption>\(escapeHTML(chart.title))</figcaption>\n\(chart.svg)</figure>\n"
    }

    /// Received by category, from whichever table the audience has: a category's row totals,
    /// or the column totals of the gender committee's table.
    static func categoryBars(_ document: SummaryDocument, _ catalog: SummaryCatalog) -> [(label: String, value: PublishedCount?)]? {
        if let table = document.table("received_by_category_region") ?? document.table("received_by_category") {
            return table.rows.indices.map { (catalog.label(table.rows[$0], in: .category), value(table, row: $0, column: table.columns.count)) }
        }
        if let table = document.table("received_by_gender_category") {
            return table.columns.indices.map { (catalog.label(table.columns[$0], in: .category), value(table, row: table.rows.count, column: $0)) }
        }
        return nil
    }

    static func horizontalBars(id: String, title: String, bars: [(label: String, value: PublishedCount?)]) -> (title: String, svg: String) {
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
    static func periodBars(id: String, title: String, bars: [(label: String, value: PublishedCount?)]) -> (title: String, svg: String) {
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

    /// Each share as a bar across a 0–100 scale. A share over too few cases has no bar at all —
    /// an empty scale would read as 0 — only a dash.
    static func shareBars(id: String, title: String, shares: [(label: String, share: DeadlineShare)], _ catalog: SummaryCatalog) throws -> (title: String, svg: String) {
        let (left, room, rowHeight) = (290, 340, 28)
        var texts: [String] = []
        for entry in shares {
            texts.append(try entry.share.percent.map { try catalog.text("timing.percent", ["percent": String($0)]) } ?? "—")
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
            } else {
                svg += "<text x=\"\(left)\" y=\"\(y + 18)\" font-size=\"12\">\(escapeHTML(texts[index]))</text>\n"
            }
        }
        return (title, svg + "</svg>\n")
    }

    /// The chart's title and a plain list of its values, which a screen reader announces in
    /// place of the drawing; the hatch marks a withheld value the same way in every chart.
    static func svgOpen(id: String, height: Int, title: String, description: [String]) -> String {
        """
        <svg viewBox="0 0 720 \(height)" width="720" height="\(height)" direction="ltr" role="img" aria-labelledby="\(id)-title \(id)-desc" preserveAspectRatio="xMinYMin meet">
        <title id="\(id)-title">\(escapeHTML(title))</title>
        <desc id="\(id)-desc">\(escapeHTML(description.joined(separator: "; ")))</desc>
        <defs><pattern id="\(id)-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="\(barColour)" stroke-width="2"/></pattern></defs>

        """
    }

    /// A withheld value's mark: the same small hatched, dashed box whatever the value, so its
    /// size says nothing about the count.
    static func stub(id: String, x: Int, y: Int, width: Int, height: Int) -> String {
        "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(width)\" height=\"\(height)\" fill=\"url(#\(id)-hatch)\" stroke=\"\(barColour)\" stroke-width=\"1.5\" stroke-dasharray=\"3 2\"/>"
    }

    /// A label cut to the room it has; the whole of it stays in a tooltip and in the description.
    static func label(_ text: String, x: Int, y: Int, anchor: String, limit: Int = 44) -> String {
        let shown = text.count > limit ? String(text.prefix(max(1, limit - 1))) + "…" : text
        let element = "<text x=\"\(x)\" y=\"\(y)\" text-anchor=\"\(anchor)\" font-size=\"12\">\(escapeHTML(shown))</text>"
        return shown == text ? element : "<g><title>\(escapeHTML(text))</title>\(element)</g>"
    }

    /// Entities for the five characters that could end text or an attribute, scalar by scalar so
    /// that a `<` carrying a combining mark is caught too.
    static func escapeHTML(_ text: String) -> String {
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
    static func htmlWithCode(_ text: String) -> String {
        escapeHTML(text).split(separator: "`", omittingEmptySubsequences: false).enumerated()
            .map { $0.offset.isMultiple(of: 2) ? String($0.element) : "<code dir=\"ltr\">\($0.element)</code>" }.joined()
    }
}
