import Foundation

/// A stage a case entered, and when.
public struct StageEntry: Sendable, Hashable, Encodable {
    public let stage: String
    public let enteredAt: Date

    public init(stage: String, enteredAt: Date) {
        self.stage = stage
        self.enteredAt = enteredAt
    }

    enum CodingKeys: String, CodingKey {
        case stage
        case enteredAt = "entered_at"
    }
}
