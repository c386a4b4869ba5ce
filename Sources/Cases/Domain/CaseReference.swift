/// A case's reference, `GRV-` and eight characters of Crockford base32, as handlers read it out
/// and type it. Parsing forgives what people do: lower case, a missing `GRV-`, spaces, and O, I
/// and L for 0, 1 and 1.
public struct CaseReference: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    static let prefix = "GRV-"
    static let characterCount = 8

    /// The canonical form, `GRV-7K3M9QXD`.
    public let rawValue: String

    /// A reference as stored, trusted to be canonical.
    init(stored: String) { rawValue = stored }

    public init(parsing text: String) throws(CasesError) {
        var body = Substring(text.uppercased().filter { $0 != " " && $0 != "-" })
        if body.count == Self.characterCount + 3, body.hasPrefix("GRV") { body = body.dropFirst(3) }
        var canonical: [UInt8] = []
        for byte in body.utf8 {
            guard let value = CrockfordBase32.value(of: byte) else { throw .invalid(.reference, .notAReference) }
            canonical.append(CrockfordBase32.alphabet[Int(value)])
        }
        guard canonical.count == Self.characterCount else { throw .invalid(.reference, .notAReference) }
        rawValue = Self.prefix + String(decoding: canonical, as: UTF8.self)
    }

    /// A fresh random reference: 40 bits, unique among an organisation's cases with a retry.
    static func random() -> CaseReference {
        CaseReference(stored: prefix + String(decoding: CrockfordBase32.random(count: characterCount), as: UTF8.self))
    }

    public var description: String { rawValue }

    public static func < (lhs: CaseReference, rhs: CaseReference) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            self = try CaseReference(parsing: text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a case reference"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
