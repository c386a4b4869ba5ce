/// A count as a summary gives it out: the number, or withheld. A withheld value is written
/// `"<5"` (with the threshold in force): a count from 1 to 4, or one withheld so that such a
/// count cannot be worked out from the others. Which of the two is never said.
public enum PublishedCount: Sendable, Hashable, Codable {
    case count(Int)
    case withheld(String)

    public var value: Int? {
        if case .count(let value) = self { value } else { nil }
    }

    public var isWithheld: Bool { value == nil }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Int.self) {
            self = .count(value)
        } else {
            self = .withheld(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .count(let value): try container.encode(value)
        case .withheld(let marker): try container.encode(marker)
        }
    }
}
