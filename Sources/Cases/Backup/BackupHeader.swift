import Foundation
import GrievanceCrypto

/// The clear head of a backup file: two lines anyone can read (`head -2`) saying what the file
/// is, whose it is and when it was made, and the two things a recovery key needs to open it.
///
///     grievance-backup/v1
///     {"audit_origin":…,"created":"2026-11-30T02:00:00Z","key":…,"organisation":…,"recovery_key":…,"stream":…}
///
/// Nothing here is secret, and nothing here is trusted until the first encrypted message, which
/// carries these bytes as its associated data, has been opened: an edited header fails there.
public struct BackupHeader: Codable, Sendable, Hashable {
    static let magic = "grievance-backup/v1"
    /// A header is a few hundred bytes; anything longer is not ours.
    static let maximumBytes = 4096

    public let organisation: String
    public let auditOrigin: String
    public let created: Date
    /// The recovery public key the stream key is sealed to, in hex.
    public let recoveryKey: String
    /// The secretstream key, sealed (`crypto_box_seal`) to the recovery key.
    let sealedKey: [UInt8]
    /// The secretstream header.
    let stream: [UInt8]

    enum CodingKeys: String, CodingKey {
        case organisation, created, stream
        case auditOrigin = "audit_origin"
        case recoveryKey = "recovery_key"
        case sealedKey = "key"
    }

    init(organisation: String, auditOrigin: String, created: Date, recoveryKey: String, sealedKey: [UInt8], stream: [UInt8]) {
        self.organisation = organisation
        self.auditOrigin = auditOrigin
        // Whole seconds, so the header says exactly what it encodes.
        self.created = Date(timeIntervalSince1970: created.timeIntervalSince1970.rounded(.down))
        self.recoveryKey = recoveryKey
        self.sealedKey = sealedKey
        self.stream = stream
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        organisation = try container.decode(String.self, forKey: .organisation)
        auditOrigin = try container.decode(String.self, forKey: .auditOrigin)
        created = try container.decode(Date.self, forKey: .created)
        recoveryKey = try container.decode(String.self, forKey: .recoveryKey)
        guard let sealed = Data(base64Encoded: try container.decode(String.self, forKey: .sealedKey)),
              let stream = Data(base64Encoded: try container.decode(String.self, forKey: .stream))
        else { throw DecodingError.dataCorruptedError(forKey: .sealedKey, in: container, debugDescription: "not base64") }
        sealedKey = [UInt8](sealed)
        self.stream = [UInt8](stream)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(organisation, forKey: .organisation)
        try container.encode(auditOrigin, forKey: .auditOrigin)
        try container.encode(created, forKey: .created)
        try container.encode(recoveryKey, forKey: .recoveryKey)
        try container.encode(Data(sealedKey).base64EncodedString(), forKey: .sealedKey)
        try container.encode(Data(stream).base64EncodedString(), forKey: .stream)
    }

    /// The header's bytes as written: the magic line, then the JSON on one line.
    var bytes: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        // Encoding plain strings and a date cannot fail.
        let json = try! encoder.encode(self)
        return Array((Self.magic + "\n").utf8) + [UInt8](json) + [0x0A]
    }

    /// Parses the two lines at the start of `bytes`; nil if they are not a backup header.
    static func parse(_ bytes: [UInt8]) -> (header: BackupHeader, length: Int)? {
        let magic = Array((magic + "\n").utf8)
        guard bytes.starts(with: magic),
              let end = bytes[magic.count...].firstIndex(of: 0x0A)
        else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard let header = try? decoder.decode(BackupHeader.self, from: Data(bytes[magic.count..<end])) else { return nil }
        return (header, end + 1)
    }
}
