/// The limits every entry keeps, checked when an entry is made and when one is decoded, so
/// that a stored or exported log cannot smuggle in what the API would refuse.
enum AuditEntryLimits {
    static let maximumNameBytes = 256
    static let maximumDetailKeyBytes = 64
    static let maximumDetailValueBytes = 4096
    static let maximumDetails = 32

    static func validate(_ entry: AuditEntry) throws(AuditLogError) {
        try checkName(entry.actor, field: "actor")
        try checkDottedName(entry.action, field: "action")
        if let reference = entry.caseReference { try checkName(reference, field: "case reference") }
        guard entry.details.count <= maximumDetails else {
            throw .invalidEntry("more than \(maximumDetails) details")
        }
        var previousKey: String?
        for detail in entry.details {
            try checkDottedName(detail.key, field: "detail key", limit: maximumDetailKeyBytes)
            guard detail.value.utf8.count <= maximumDetailValueBytes else {
                throw .invalidEntry("detail \(detail.key) is longer than \(maximumDetailValueBytes) bytes")
            }
            if let previousKey, !previousKey.utf8.lexicographicallyPrecedes(detail.key.utf8) {
                throw .invalidEntry("detail keys must be unique and sorted (\(detail.key))")
            }
            previousKey = detail.key
        }
    }

    private static func checkName(_ value: String, field: String) throws(AuditLogError) {
        guard !value.isEmpty, value.utf8.count <= maximumNameBytes else {
            throw .invalidEntry("\(field) must be 1 to \(maximumNameBytes) bytes")
        }
        guard !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalidEntry("\(field) contains a control character")
        }
    }

    /// Lower-case ASCII letters, digits, '.', '-' and '_': names a program chose, not free text.
    private static func checkDottedName(_ value: String, field: String, limit: Int = maximumNameBytes) throws(AuditLogError) {
        guard !value.isEmpty, value.utf8.count <= limit else {
            throw .invalidEntry("\(field) must be 1 to \(limit) bytes")
        }
        let allowed = value.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
        guard allowed else { throw .invalidEntry("\(field) \(value) may hold only a-z, 0-9, '.', '-' and '_'") }
    }
}
