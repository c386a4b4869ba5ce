import Cases
import Foundation

/// How commands print: JSON for scripts (through Cases' one encoder), plain lines for people.
enum Output {
    static func json(_ value: some Encodable) throws {
        FileHandle.standardOutput.write(try CasesJSON.encode(value) + Data("\n".utf8))
    }

    /// Writes bytes that live in guarded memory (a recovery key, a decrypted export) straight
    /// to standard output, copying them nowhere else.
    static func write(_ bytes: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(STDOUT_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
            guard written > 0 else { return }
            offset += written
        }
    }

    /// `2026-11-22 07:45 UTC`: what a person reads in a list.
    static func short(_ date: Date) -> String {
        let style = Date.VerbatimFormatStyle(
            format: "\(year: .defaultDigits)-\(month: .twoDigits)-\(day: .twoDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits)",
            timeZone: TimeZone(identifier: "UTC")!, calendar: Calendar(identifier: .gregorian))
        return date.formatted(style) + " UTC"
    }

    /// A table with left-aligned columns, for people; every cell shown as `TerminalText` does.
    static func table(_ header: [String], _ rows: [[String]]) {
        let rows = rows.map { $0.map(TerminalText.line) }
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
