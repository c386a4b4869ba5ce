import Foundation

/// A summary as given out: what it covers, for whom, under which threshold, the signed audit
/// checkpoint it carries, its tables and the procedure's pace. Nothing finer than a month, no
/// reference, no name, no free text. `sha256` is the hash of the document without it, which the
/// release ledger and the audit log keep.
public struct SummaryDocument: Sendable, Hashable, Codable {
    public static let formatName = "grievance-summary/1"

    public var format: String
    public var organisation: String
    public var period: String
    public var periodKind: SummaryPeriod.Kind
    public var from: Month
    public var to: Month
    public var audience: SummaryAudience
    public var threshold: Int
    /// The month it was released in.
    public var released: Month
    /// SHA-256 of the procedure in force.
    public var procedure: String
    /// The latest signed checkpoint of the audit log (a C2SP signed note).
    public var checkpoint: String
    public var tables: [SummaryTable]
    public var timing: TimingFigures
    public var sha256: String?

    enum CodingKeys: String, CodingKey {
        case format, organisation, period, from, to, audience, threshold, released, procedure, checkpoint, tables, timing, sha256
        case periodKind = "period_kind"
    }

    public func table(_ name: String) -> SummaryTable? { tables.first { $0.name == name } }

    /// The JSON the hash is taken over and the ledger keeps: keys sorted, no `sha256`.
    func canonicalJSON() throws -> [UInt8] {
        var unhashed = self
        unhashed.sha256 = nil
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return [UInt8](try encoder.encode(unhashed))
    }
}
