/// The rules every entry keeps, checked on its bytes: when an entry is made (its own encoding is
/// scanned), when one is decoded, and when a log is verified. One rule set, so a stored or
/// exported log cannot hold what the API would refuse, and the Python verifier can mirror it.
enum AuditEntryLimits {
    static let maximumStringBytes = 4096
    static let maximumNameBytes = 256
    static let maximumDetailKeyBytes = 64
    static let maximumDetails = 32

    /// A name a person or the system chose (actor, case reference): 1 to 256 bytes of UTF-8
    /// with no control character (Unicode category Cc: U+0000–U+001F, U+007F–U+009F).
    static func checkName(_ bytes: UnsafeRawBufferPointer, field: StaticString) throws(EntryRuleViolation) {
        guard (1...maximumNameBytes).contains(bytes.count) else { throw EntryRuleViolation("\(field) must be 1 to \(maximumNameBytes) bytes") }
        try checkUTF8(bytes, field: field)
        var previous: UInt8 = 0
        for byte in bytes {
            // In valid UTF-8, C0 controls and DEL are single bytes and C1 controls are 0xC2 0x80–0x9F.
            if byte < 0x20 || byte == 0x7F || (previous == 0xC2 && (0x80...0x9F).contains(byte)) {
                throw EntryRuleViolation("\(field) contains a control character")
            }
            previous = byte
        }
    }

    /// A name a program chose (action, detail key): lower-case ASCII letters, digits, '.', '-', '_'.
    static func checkDottedName(_ bytes: UnsafeRawBufferPointer, field: StaticString, limit: Int = maximumNameBytes) throws(EntryRuleViolation) {
        guard (1...limit).contains(bytes.count) else { throw EntryRuleViolation("\(field) must be 1 to \(limit) bytes") }
        for byte in bytes {
            let allowed = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            guard allowed else { throw EntryRuleViolation("\(field) may hold only a-z, 0-9, '.', '-' and '_'") }
        }
    }

    static func checkUTF8(_ bytes: UnsafeRawBufferPointer, field: StaticString) throws(EntryRuleViolation) {
        let valid: Bool = bytes.withMemoryRebound(to: UInt8.self) { buffer in (try? UTF8Span(validating: buffer.span)) != nil }
        guard valid else { throw EntryRuleViolation("\(field) is not valid UTF-8") }
    }
}

/// Why an entry's bytes break a rule; the caller says whether that makes it invalid (being made)
/// or malformed (being read).
struct EntryRuleViolation: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}
