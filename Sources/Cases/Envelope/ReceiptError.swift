/// Why a typed receipt was not accepted. Says what is wrong with its shape, never echoes it.
public struct ReceiptError: Error, Hashable, Sendable, CustomStringConvertible {
    public let description: String

    static let wrongLength = ReceiptError(description: "a receipt has 20 letters and digits, in four groups of five")
    static let badCharacter = ReceiptError(description: "a receipt holds only letters and digits (and the dashes between groups)")
}
