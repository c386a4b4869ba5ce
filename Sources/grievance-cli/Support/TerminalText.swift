/// Text that came from someone else — a reporter on the web, another person, a file handed over —
/// made safe to write to a handler's terminal. Written raw, an escape sequence in a description
/// could move the cursor and overwrite "Key holders:" or "Read by:", hide lines, plant a hyperlink
/// or set the clipboard; a carriage return could overwrite the start of a line, and a bidirectional
/// override could show one name as another. So every control character — C0 with ESC and CR, DEL,
/// C1 — every bidirectional control and the Unicode line and paragraph separators are shown as
/// `\u{…}`, visible and inert. `--json` keeps the exact text.
enum TerminalText {
    /// One line: every control escaped, line breaks and tabs included.
    static func line(_ text: String) -> String {
        escaped(text, keeping: [])
    }

    /// A block, each of its lines indented by `spaces`, so that no line of it starts where the
    /// command's own lines do; its line breaks and tabs kept, every other control escaped.
    static func block(_ text: String, indent spaces: Int) -> String {
        let margin = String(repeating: " ", count: spaces)
        return escaped(text, keeping: ["\n", "\t"])
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { margin + $0 }
            .joined(separator: "\n")
    }

    private static func escaped(_ text: String, keeping kept: Set<Unicode.Scalar>) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if !kept.contains(scalar), isUnsafe(scalar) {
                out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true  // C0 (ESC, CR, LF, TAB …), DEL, C1 (CSI, OSC …)
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true  // bidirectional controls
        case 0x2028, 0x2029: true  // line and paragraph separators
        default: false
        }
    }
}
