import Foundation
import GrievanceCrypto

/// A case as storage holds it: the clear summary and the receipt lookup hash.
public struct CaseRow: Sendable, Hashable {
    public var summary: CaseSummary
    public var receiptLookup: Digest
    public var policyHash: Digest
}
