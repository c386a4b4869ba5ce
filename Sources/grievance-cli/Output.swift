import Foundation

/// How commands print: JSON for scripts (sorted keys, ISO 8601 UTC dates), plain lines for people.
enum Output {
    static func json(_ object: Any) {
        // Only strings, numbers, booleans, arrays, dictionaries and NSNull reach here.
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted])
        print(String(decoding: data, as: UTF8.self))
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
    }

    /// `2026-11-22 07:45 UTC`: what a person reads in a list.
    static func short(_ date: Date) -> String {
        let style = Date.VerbatimFormatStyle(
            format: "\(year: .defaultDigits)-\(month: .twoDigits)-\(day: .twoDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits)",
            timeZone: TimeZone(identifier: "UTC")!, calendar: Calendar(identifier: .gregorian))
        return date.formatted(style) + " UTC"
    }

    static func optional(_ value: String?) -> Any { value ?? NSNull() }

    static func optional(_ value: Date?) -> Any { value.map(timestamp) ?? NSNull() }

    /// A table with left-aligned columns, for people.
    static func table(_ header: [String], _ rows: [[String]]) {
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        for row in [header] + rows {
            var line = row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            print(line)
        }
    }
}
