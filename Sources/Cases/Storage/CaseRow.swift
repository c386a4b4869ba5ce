import Foundation
import GrievanceCrypto

/// A case as storage holds it: the clear summary, the receipt lookup hash, and its key's epoch —
/// stale when a holder was removed by someone who could not re-key it then.
package struct CaseRow: Sendable, Hashable {
    package var summary: CaseSummary
    package var receiptLookup: Digest
    package var policyHash: Digest
    package var keyEpoch: Int = 0
    package var keyIsStale: Bool = false
    /// Since when a hold keeps the case from retention; nil when none does.
    package var heldSince: Date? = nil
    /// When retention ended the case; nil while it lives.
    package var shreddedAt: Date? = nil
}
