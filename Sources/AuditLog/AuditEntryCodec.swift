import GrievanceCrypto

/// The canonical binary form of an entry (docs/AUDIT-FORMAT.md). All integers big-endian; every
/// string is a u32 byte length followed by that many bytes of UTF-8.
///
///     u8 version | u64 sequence | i64 time (ms) | str actor | str action
///     | u8 has-case (0 or 1) [| str case reference] | u32 detail count | (str key | str value)*
///     | 32 bytes previous hash
enum AuditEntryCodec {
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

    /// Decodes and checks every limit; refuses trailing bytes, so each entry has one encoding.
    static func decode(_ bytes: UnsafeRawBufferPointer) throws(AuditLogError) -> AuditEntry {
        var reader = ByteReader(bytes)
        let version = try reader.byte()
        guard version == AuditEntry.currentVersion else { throw .malformedEntry("unknown version \(version)") }
        let sequence = try reader.uint64()
        let time = Int64(bitPattern: try reader.uint64())
        let actor = try reader.string()
        let action = try reader.string()
        let caseReference: String?
        switch try reader.byte() {
        case 0: caseReference = nil
        case 1: caseReference = try reader.string()
        default: throw .malformedEntry("case flag is neither 0 nor 1")
        }
        let count = try reader.uint32()
        guard count <= AuditEntryLimits.maximumDetails else { throw .malformedEntry("too many details") }
        var details: [AuditDetail] = []
        details.reserveCapacity(Int(count))
        for _ in 0..<count {
            let key = try reader.string()
            details.append(AuditDetail(key, try reader.string()))
        }
        let previous = try reader.digest()
        guard reader.isAtEnd else { throw .malformedEntry("trailing bytes") }
        let entry = AuditEntry(
            decodedVersion: version, sequence: sequence, timeMilliseconds: time, actor: actor, action: action,
            caseReference: caseReference, details: details, previousHash: previous)
        do {
            try AuditEntryLimits.validate(entry)
        } catch {
            throw .malformedEntry("\(error)")
        }
        return entry
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

    private mutating func take(_ count: Int) throws(AuditLogError) -> UnsafeRawBufferPointer {
        guard count >= 0, bytes.count - offset >= count else { throw .malformedEntry("ends early") }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
    }

    mutating func byte() throws(AuditLogError) -> UInt8 { try take(1)[0] }

    mutating func uint32() throws(AuditLogError) -> UInt32 {
        try take(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    mutating func uint64() throws(AuditLogError) -> UInt64 {
        try take(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    mutating func string() throws(AuditLogError) -> String {
        let length = try uint32()
        guard length <= UInt32(AuditEntryLimits.maximumDetailValueBytes) else { throw .malformedEntry("string too long") }
        let raw = try take(Int(length))
        guard let string = String(validating: raw, as: UTF8.self) else { throw .malformedEntry("string is not UTF-8") }
        return string
    }

    mutating func digest() throws(AuditLogError) -> Digest {
        let raw = try take(Digest.byteCount)
        return try! Digest(bytes: raw)  // exactly 32 bytes were taken
    }
}
