import Foundation

/// Markdown, for the terminal and the minutes.
extension SummaryRendering {
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
        out += "\(markdownText(try catalog.text("timing.note", ["minimum": String(2 * document.threshold)])))\n"
        if let footnote = try footnote(document, catalog) { out += "\n\(markdownText(footnote))\n" }
        out += "\n## \(markdownText(try catalog.text("checkpoint.heading")))\n\n"
        // The catalogue's own backticks are meant: they mark the commands as code.
        out += "\(try catalog.text("checkpoint.text"))\n\n"
        let checkpoint = printable(document.checkpoint, newlines: true)
        let fence = String(repeating: "`", count: max(3, longestRun(of: "`", in: checkpoint) + 1))
        out += "\(fence)\n\(checkpoint)\(checkpoint.hasSuffix("\n") ? "" : "\n")\(fence)\n"
        return out
    }

    static func markdownTable(header: [String], rows: [[String]], boldLastRow: Bool) -> String {
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
    static func markdownText(_ text: String) -> String {
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

    static func isWordy(_ scalar: Unicode.Scalar?) -> Bool {
        scalar.map { $0.properties.isAlphabetic || $0.properties.numericType != nil } ?? false
    }

    static func longestRun(of character: Character, in text: String) -> Int {
        var longest = 0, current = 0
        for each in text {
            current = each == character ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }
}
