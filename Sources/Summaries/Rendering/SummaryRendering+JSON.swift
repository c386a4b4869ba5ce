import Foundation

/// JSON: the document as the ledger keeps it, with its hash, indented for people and diffs.
extension SummaryRendering {
    public static func json(_ document: SummaryDocument) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    }
}
