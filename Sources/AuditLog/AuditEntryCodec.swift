import GrievanceCrypto

/// The canonical binary form of an entry (docs/AUDIT-FORMAT.md). All integers big-endian; every
/// string is a u32 byte length followed by that many bytes of UTF-8.
///
///     u8 version | u64 sequence | i64 time (ms) | str actor | str action
///     | u8 has-case (0 or 1) [| str case reference] | u32 detail count | (str key | str value)*
///     | 32 bytes previous hash
enum AuditEntryCodec {
    /// Where the fields of a checked encoding lie. Valid only while its bytes are.
    struct Scanned {
        var sequence: UInt64 = 0
        var time: Int64 = 0
        var actor = UnsafeRawBufferPointer(start: nil, count: 0)
        var action = UnsafeRawBufferPointer(start: nil, count: 0)
        var caseReference: UnsafeRawBufferPointer?
        var details: [(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer)] = []
        var previousHash = Digest.zero
    }

    static func encode(_ entry: AuditEntry) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(96 + entry.actor.utf8.count + entry.action.utf8.count + entry.details.count * 24)
        out.append(entry.version)
        append(entry.sequence, to: &out)
        append(UInt64(bitPattern: entry.timeMilliseconds), to: &out)
        append(entry.actor, to: &out)
        append(entry.action, to: &out)
        if let reference = entry.caseReference {
            out.append(1)
            append(reference, to: &out)
        } else {
            out.append(0)
        }
        append(UInt32(entry.details.count), to: &out)
        for detail in entry.details {
            append(detail.key, to: &out)
            append(detail.value, to: &out)
        }
        entry.previousHash.withUnsafeBytes { out.append(contentsOf: $0) }
        return out
    }

    /// Checks an encoding against every rule without allocating (unless `keepDetails`), and
    /// refuses trailing bytes, so each entry has exactly one encoding.
    static func scan(_ bytes: UnsafeRawBufferPointer, keepDetails: Bool = false) throws(EntryRuleViolation) -> Scanned {
        var reader = ByteReader(bytes)
        var scanned = Scanned()
        let version = try reader.byte()
        guard version == AuditEntry.currentVersion else { throw EntryRuleViolation("unknown version \(version)") }
        scanned.sequence = try reader.uint64()
        scanned.time = Int64(bitPattern: try reader.uint64())
        scanned.actor = try reader.string()
        try AuditEntryLimits.checkName(scanned.actor, field: "actor")
        scanned.action = try reader.string()
        try AuditEntryLimits.checkDottedName(scanned.action, field: "action")
        switch try reader.byte() {
        case 0: scanned.caseReference = nil
        case 1:
            let reference = try reader.string()
            try AuditEntryLimits.checkName(reference, field: "case reference")
            scanned.caseReference = reference
        default: throw EntryRuleViolation("case flag is neither 0 nor 1")
        }
        let count = try reader.uint32()
        guard count <= AuditEntryLimits.maximumDetails else { throw EntryRuleViolation("more than \(AuditEntryLimits.maximumDetails) details") }
        var previousKey: UnsafeRawBufferPointer?
        for _ in 0..<count {
            let key = try reader.string()
            try AuditEntryLimits.checkDottedName(key, field: "detail key", limit: AuditEntryLimits.maximumDetailKeyBytes)
            let value = try reader.string()
            try AuditEntryLimits.checkUTF8(value, field: "detail value")
            if let previousKey, !previousKey.lexicographicallyPrecedes(key) {
                throw EntryRuleViolation("detail keys must be unique and sorted")
            }
            previousKey = key
            if keepDetails { scanned.details.append((key, value)) }
        }
        scanned.previousHash = try reader.digest()
        guard reader.isAtEnd else { throw EntryRuleViolation("trailing bytes") }
        return scanned
    }

    static func decode(_ bytes: UnsafeRawBufferPointer) throws(AuditLogError) -> AuditEntry {
        let scanned: Scanned
        do {
            scanned = try scan(bytes, keepDetails: true)
        } catch {
            throw .malformedEntry(error.reason)
        }
        func string(_ raw: UnsafeRawBufferPointer) -> String { String(decoding: raw, as: UTF8.self) }  // checked UTF-8
        return AuditEntry(
            decodedVersion: AuditEntry.currentVersion, sequence: scanned.sequence, timeMilliseconds: scanned.time,
            actor: string(scanned.actor), action: string(scanned.action), caseReference: scanned.caseReference.map(string),
            details: scanned.details.map { AuditDetail(string($0.key), string($0.value)) }, previousHash: scanned.previousHash)
    }

    static func decode(_ bytes: [UInt8]) throws(AuditLogError) -> AuditEntry {
        try bytes.withBytes { (raw) throws(AuditLogError) in try decode(raw) }
    }

    private static func append(_ value: UInt64, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { out.append(contentsOf: $0) }
    }

    private static func append(_ value: UInt32, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { out.append(contentsOf: $0) }
    }

    private static func append(_ string: String, to out: inout [UInt8]) {
        append(UInt32(string.utf8.count), to: &out)
        out.append(contentsOf: string.utf8)
    }
}

/// Reads the fields of an encoded entry, refusing to read past its end.
private struct ByteReader {
    private let bytes: UnsafeRawBufferPointer
    private var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }

    private mutating func take(_ count: Int) throws(EntryRuleViolation) -> UnsafeRawBufferPointer {
        guard count >= 0, bytes.count - offset >= count else { throw EntryRuleViolation("ends early") }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
    }

    mutating func byte() throws(EntryRuleViolation) -> UInt8 { try take(1)[0] }

    mutating func uint32() throws(EntryRuleViolation) -> UInt32 {
        try take(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    mutating func uint64() throws(EntryRuleViolation) -> UInt64 {
        try take(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    mutating func string() throws(EntryRuleViolation) -> UnsafeRawBufferPointer {
        let length = try uint32()
        guard length <= UInt32(AuditEntryLimits.maximumStringBytes) else { throw EntryRuleViolation("string longer than \(AuditEntryLimits.maximumStringBytes) bytes") }
        return try take(Int(length))
    }

    mutating func digest() throws(EntryRuleViolation) -> Digest {
        let raw = try take(Digest.byteCount)
        return try! Digest(bytes: raw)  // exactly 32 bytes were taken
    }
}
