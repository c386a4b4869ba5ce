import Foundation

/// How every JSON of this system is written: sorted keys, indented, slashes as they are, dates
/// in ISO 8601 UTC to the second. One encoder for `--json`, the case export and the API.
public enum CasesJSON {
    public static func encode(_ value: some Encodable, pretty: Bool = true) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(value)
    }
}
